/**
 * Starts `budget-child.ts` in its own Node process — `node --import tsx/esm
 * --conditions=@invoicekit/source`, as the other packages' child tests do — and talks to it:
 * `ready` resolves once it has built its adapter, `go()` starts it, `done` is its summary.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const child = fileURLToPath(new URL('./budget-child.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

/** What a child saw: calls answered, calls given up at the end, failed calls by error code. */
export interface BudgetChildSummary {
  readonly ok: number;
  readonly stopped: number;
  readonly failed: Readonly<Record<string, number>>;
}

/** A running child. */
export interface BudgetChild {
  readonly ready: Promise<void>;
  go(): void;
  readonly done: Promise<BudgetChildSummary>;
  kill(): void;
}

/** Starts one child with these variables (REDIS_URL, BUDGET_KEY, BASE_URL, …). */
export function startBudgetChild(env: Record<string, string>): BudgetChild {
  const process_ = spawn(
    process.execPath,
    ['--import', tsx, '--conditions=@invoicekit/source', child],
    {
      env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines: string[] = [];
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  createInterface({ input: process_.stdout }).on('line', (line) => {
    lines.push(line);
    if (line === 'ready') onReady();
  });
  const done = new Promise<BudgetChildSummary>((resolve, reject) => {
    process_.on('exit', (code) => {
      const last = lines.at(-1);
      if (code === 0 && last?.startsWith('{')) resolve(JSON.parse(last) as BudgetChildSummary);
      else reject(new Error(`a budget child failed (${code}): ${stderr.slice(-2000)}`));
    });
  });
  // A child that dies before it is ready must fail the test, not leave it waiting.
  const readyOrFailed = Promise.race([ready, done.then(() => undefined)]);
  return {
    ready: readyOrFailed,
    go: () => process_.stdin.end('go\n'),
    done,
    kill: () => process_.kill('SIGKILL'),
  };
}
