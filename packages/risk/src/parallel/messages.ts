import type { CompiledPortfolio } from '../model/compile.ts';

/** A run handed to every worker: the compiled portfolio (copied once) and the shared result arrays. */
export interface RunMessage {
  readonly type: 'run';
  readonly run: number;
  readonly portfolio: CompiledPortfolio;
  readonly seedLow: number;
  readonly seedHigh: number;
  readonly groundUpOnly: boolean;
  /** In SharedArrayBuffers: each block writes only its own years' rows. */
  readonly annual: Float64Array;
  readonly maxOccurrence: Float64Array;
}

/** Years from … to − 1 of the current run. */
export interface BlockMessage {
  readonly type: 'block';
  readonly run: number;
  readonly from: number;
  readonly to: number;
}

export type ToWorker = RunMessage | BlockMessage;

export type FromWorker =
  | { readonly type: 'ready' }
  /** A block is written; `losses` is how many ground-up losses it drew. */
  | {
      readonly type: 'done';
      readonly run: number;
      readonly from: number;
      readonly to: number;
      readonly losses: number;
    }
  | { readonly type: 'error'; readonly run: number; readonly message: string; readonly stack?: string };
