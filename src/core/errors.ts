/**
 * Errors of the tool itself (never "the provider broke the contract" — those are findings).
 * Every class carries a stable `code` and a `fix` telling the user what to do.
 */
export class VerikitError extends Error {
  readonly code: string;
  readonly fix: string;
  readonly exitCode: number;
  constructor(code: string, message: string, fix: string, exitCode = 2) {
    super(message);
    this.name = 'VerikitError';
    this.code = code;
    this.fix = fix;
    this.exitCode = exitCode;
  }
}

/** A spec file that cannot be read, parsed or modelled. */
export class SpecError extends VerikitError {
  readonly file: string;
  readonly pointer: string;
  constructor(file: string, pointer: string, message: string, fix: string, code = 'VK_SPEC_INVALID') {
    super(code, `${file}#${pointer || '/'}: ${message}`, fix);
    this.name = 'SpecError';
    this.file = file;
    this.pointer = pointer;
  }
}

/** Bad command-line usage or configuration (exit code 2). */
export class UsageError extends VerikitError {
  constructor(message: string, fix: string, code = 'VK_USAGE') {
    super(code, message, fix, 2);
    this.name = 'UsageError';
  }
}

export class ConfigError extends VerikitError {
  constructor(message: string, fix: string, code = 'VK_CONFIG_INVALID') {
    super(code, message, fix, 2);
    this.name = 'ConfigError';
  }
}

/** Formats any thrown value for a terminal: named errors get code, message and fix; no stack traces. */
export function formatError(err: unknown): string {
  if (err instanceof VerikitError) return `error[${err.code}]: ${err.message}\n  fix: ${err.fix}`;
  const msg = err instanceof Error ? err.message : String(err);
  return `error[VK_INTERNAL]: ${msg}\n  fix: this is a bug in verikit; please report it with the command you ran`;
}
