/** What every section receives: where the project is, the options, the sizes and the peer tools. */
import type { BenchOptions } from './types.ts';
import type { PeerName, PeerStatus } from './peers.ts';

export interface Sizes {
  /** Repetitions of every measurement (the median is reported). */
  runs: number;
  /** Repetitions in the mock section: its runs are short and its servers' CPU per request varies most on a shared machine. */
  mockRuns: number;
  mockSeconds: number;
  mockConnections: number;
  engineCases: number;
  dreddTransactions: number;
  validations: number;
  scaleOps: number[];
  bigRunCases: number;
  e2eRuns: number;
}

export const FULL: Sizes = {
  runs: 3, mockRuns: 5, mockSeconds: 5, mockConnections: 32, engineCases: 4000, dreddTransactions: 100,
  validations: 300_000, scaleOps: [10, 100, 1000], bigRunCases: 100_000, e2eRuns: 3,
};

export const QUICK: Sizes = {
  runs: 1, mockRuns: 1, mockSeconds: 1, mockConnections: 4, engineCases: 40, dreddTransactions: 2,
  validations: 2_000, scaleOps: [2, 4], bigRunCases: 300, e2eRuns: 1,
};

export interface Ctx {
  root: string;
  opts: BenchOptions;
  sizes: Sizes;
  peers: Partial<Record<PeerName, PeerStatus>>;
  log(msg: string): void;
}

/** Imports a project module by path relative to the root; returns the error text instead of throwing. */
export async function tryImport<T>(root: string, rel: string): Promise<{ mod?: T; error?: string }> {
  try {
    return { mod: (await import(new URL(rel, `file://${root}/`).href)) as T };
  } catch (e) {
    return { error: `${rel}: ${(e as Error).message.split('\n')[0]}` };
  }
}
