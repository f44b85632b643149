import { parentPort } from 'node:worker_threads';
import { createYearEngine, type YearEngine } from '../engine/year-engine.ts';
import type { FromWorker, RunMessage, ToWorker } from './messages.ts';

/*
 * A simulation worker thread (startSimulationPool): it keeps the current run's engine and writes each block
 * of years it is given into the run's shared result arrays.
 */

const port = parentPort;
if (port === null) throw new Error('the simulation worker runs in a worker thread (startSimulationPool)');

let current: { readonly message: RunMessage; readonly engine: YearEngine } | null = null;

function post(message: FromWorker): void {
  port?.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'run') {
      current = {
        message,
        engine: createYearEngine(message.portfolio, {
          seedLow: message.seedLow,
          seedHigh: message.seedHigh,
          groundUpOnly: message.groundUpOnly,
        }),
      };
      return;
    }
    if (current === null || current.message.run !== message.run) {
      throw new Error(`block ${message.from}–${message.to} of run ${message.run} arrived before its run`);
    }
    const { engine } = current;
    const before = engine.losses;
    engine.simulate(message.from, message.to, current.message.annual, current.message.maxOccurrence, 0);
    post({
      type: 'done',
      run: message.run,
      from: message.from,
      to: message.to,
      losses: engine.losses - before,
    });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    post({
      type: 'error',
      run: message.run,
      message: failure.message,
      ...(failure.stack ? { stack: failure.stack } : {}),
    });
  }
});

post({ type: 'ready' });
