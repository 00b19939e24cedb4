/** The structure `runBench` returns and bench/results.json holds; RESULTS.md is rendered from it. */
import type { Summary } from './stats.ts';

export interface Row {
  /** What was measured, e.g. "bare node:http" or "generated standalone: huawei-osm CheckVerifyCodes 200". */
  name: string;
  /** Unit of the summarized metric, e.g. "req/s", "cases/s", "validations/s", "ms", "MB". */
  unit: string;
  value: Summary;
  /** Further per-row metrics (each a summary of the same runs), e.g. p99 latency. */
  extra?: Record<string, Summary | string | number>;
}

export interface Target {
  name: string;
  want: string;
  got: string;
  /** null when it could not be measured. */
  met: boolean | null;
}

export interface Section {
  id: 'mock' | 'engine' | 'validation' | 'scale' | 'e2e' | 'experiments' | 'proxy';
  title: string;
  status: 'ran' | 'partial' | 'unavailable';
  rows: Row[];
  targets: Target[];
  /** Method, findings, profile results and exact errors of what could not run. */
  notes: string[];
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  versions: Record<string, string>;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  gitCommit: string | null;
  /** 1-minute load average when the run started and when it finished (others' work on a shared machine shows here). */
  loadAverage: { start: number; end: number };
  machine: Machine;
  sections: Section[];
}

export interface BenchOptions {
  /** Tiny sizes for the smoke test and development. */
  quick: boolean;
  /** Sections to run (default all). */
  only?: Section['id'][];
  /** Profile (CPU, memory) the measurement whose target was missed; default: on in full runs, off with --quick. */
  diagnose: boolean;
  /** Install the peer tools (autocannon, Prism, Dredd) into bench/.peers when missing. */
  installPeers: boolean;
  /** Where results.json and RESULTS.md go. */
  outDir: string;
  /** Scratch directory for synthetic specs and streamed results. */
  workDir: string;
}
