import type { EnterpriseResults } from '../match-range.ts';
import type { LeadResults } from '../match-results.ts';
import type { ProgramCode } from '../program-code.ts';

/** A run handed to every worker: the programs, the rows and the enterprise half of the results (shared). */
export interface RunMessage {
  readonly type: 'run';
  readonly run: number;
  readonly code: ProgramCode;
  /** In a SharedArrayBuffer: every worker reads the same rows. */
  readonly rows: Float64Array;
  /** In SharedArrayBuffers: each chunk writes only its own rows' rankings. */
  readonly enterprises: EnterpriseResults;
  readonly leadsPerProduct: number;
}

/** Rows from … to − 1 of the current run. */
export interface ChunkMessage {
  readonly type: 'chunk';
  readonly run: number;
  readonly chunk: number;
  readonly from: number;
  readonly to: number;
}

export type ToWorker = RunMessage | ChunkMessage;

export type FromWorker =
  | { readonly type: 'ready' }
  /** A chunk's lead rankings (its own enterprises only). */
  | { readonly type: 'done'; readonly run: number; readonly chunk: number; readonly leads: LeadResults }
  | { readonly type: 'error'; readonly message: string; readonly stack?: string };
