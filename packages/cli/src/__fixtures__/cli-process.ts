/**
 * The command line in a process of its own (`invoicekit`) and in this one (`run`), for tests that
 * need a real pid, real signals and real exit codes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli } from '../cli';
import type { CliIo } from '../io';

// tsx as a loader of the child itself, so the pid that holds the lock is the child's.
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh working directory: where a migration's default journal goes. */
export function workDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'invoicekit-cwd-'));
}

/** The command line that starts `invoicekit` from source: node, its loader flags, main.ts. */
export const INVOICEKIT_COMMAND: readonly string[] = [
  process.execPath,
  '--import',
  tsx,
  '--conditions=@invoicekit/source',
  main,
];

/** The environment `INVOICEKIT_COMMAND` needs (tsx finds the repository's tsconfig). */
export const INVOICEKIT_ENV = { ...process.env, TSX_TSCONFIG_PATH: tsconfig };

/** `invoicekit <args>` in its own process (in `cwd`, a fresh directory by default). */
export function invoicekit(
  args: string[],
  cwd: string = workDirectory(),
): { pid: number | undefined; finished: Promise<Finished> } {
  const [node = process.execPath, ...flags] = INVOICEKIT_COMMAND;
  const child = spawn(node, [...flags, ...args], {
    cwd,
    env: INVOICEKIT_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    pid: child.pid,
    finished: new Promise((resolve) =>
      child.once('close', (code) => resolve({ code, stdout, stderr })),
    ),
  };
}

/** `invoicekit <args>` in this process (in `cwd`, a fresh directory by default). */
export async function run(
  args: string[],
  cwd: string = workDirectory(),
  // Never interrupted unless a test says so: a resolved promise is a Ctrl-C already given.
  interrupted: Promise<void> = new Promise<void>(() => undefined),
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd,
    interrupted,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

