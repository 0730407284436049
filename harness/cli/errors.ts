// Errors the CLI reports: a stable code, what went wrong and how to fix it, and the exit code.

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = EXIT.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(code: string, message: string, hint?: string): CliError {
  return new CliError(code, message, hint, EXIT.usage);
}
