import { resolve } from 'node:path';

/** Where a command writes, so tests can capture it and the CLI can tell a terminal from a pipe. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Diagnostics and progress: never mixed into the output a script reads from stdout. */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where files named after the migration go (its default journal); `process.cwd()` if absent. */
  readonly cwd?: string;
  /** Resolves when the user interrupts (Ctrl-C); `emulate` serves until then. */
  readonly interrupted: Promise<void>;
}

/** A problem with how the command was called: one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A failure the command describes in its own words (exit code 1): the message is built from what
 * is safe to show — a host, an error code — never from a value that may hold a credential.
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The command ran and something failed: a vendor error, a failed or mismatched invoice. */
  failed: 1,
  /** Bad flags or configuration: nothing was done. */
  usage: 2,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); what was done is in the journal. */
  interrupted: 130,
} as const;

/**
 * A word the user typed, quoted for an error line — only when it looks like a command or provider
 * name (lowercase letters and dashes). Anything else may be a value pasted in the wrong place, a
 * key or a token, and is never echoed.
 */
export function quoted(text: string): string {
  return /^[a-z][a-z-]{0,30}$/.test(text) ? `"${text}"` : '(not shown)';
}

/** A path the user gave, taken from the command's working directory (`io.cwd`). */
export function pathFrom(io: CliIo, path: string): string {
  return resolve(io.cwd ?? process.cwd(), path);
}
