import { parentPort } from 'node:worker_threads';
import { type Block, createBlock } from '../block.ts';
import { matchRange } from '../match-range.ts';
import { createLeads, type LeadResults } from '../match-results.ts';
import type { FromWorker, RunMessage, ToWorker } from './messages.ts';

/*
 * A matching worker thread (startMatchPool): it keeps the current run's programs, rows and the shared
 * enterprise results, and answers each chunk of rows with that chunk's lead rankings.
 */

const port = parentPort;
if (port === null) throw new Error('the matching worker runs in a worker thread (startMatchPool)');

let current: { readonly message: RunMessage; readonly block: Block } | null = null;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'run') {
      current = { message, block: createBlock(message.code) };
      return;
    }
    if (current === null || current.message.run !== message.run) {
      throw new Error(`chunk ${message.chunk} of run ${message.run} arrived before its run`);
    }
    const { code, rows, enterprises, leadsPerProduct } = current.message;
    const leads: LeadResults = createLeads(code.productCount, leadsPerProduct);
    matchRange(rows, code, message.from, message.to, enterprises, leads, leadsPerProduct, current.block);
    // Copied, not transferred: a transfer detaches the buffers here, and once any buffer of a thread is
    // detached V8 checks every typed-array access of that thread for it (the scoring loop slows down).
    post({ type: 'done', run: message.run, chunk: message.chunk, leads });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    post({ type: 'error', message: failure.message, ...(failure.stack ? { stack: failure.stack } : {}) });
  }
});

post({ type: 'ready' });
