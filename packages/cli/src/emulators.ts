import { randomBytes } from 'node:crypto';
import { createMethodStyleEmulator } from '@invoicekit/billomat-style/emulator';
import { serveEmulator, type Emulator, type Fault } from '@invoicekit/core/emulator';
import { createInvoiceOceanEmulator } from '@invoicekit/invoiceocean/emulator';
import { createPlandocketEmulator } from '@invoicekit/plandocket/emulator';
import { UsageError } from './io';
import type { ProviderId } from './providers';

/** One emulator served on loopback, and the adapter configuration that reaches it. */
export interface RunningEmulator {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  /** Adapter configuration (`{ provider, baseUrl, … credentials }`). */
  readonly config: Record<string, unknown>;
  /** `key=value` pairs a user passes to `--set`: the emulator's own, throw-away credentials. */
  readonly credentials: string;
  /**
   * The base URL and the credentials as `<provider>.<key>=<value>` pairs, one `--set` each
   * (`invoiceocean.baseUrl=http://127.0.0.1:PORT invoiceocean.apiToken=…`).
   */
  readonly settings: string;
  readonly emulator: Emulator<unknown>;
  close(): Promise<void>;
}

/**
 * Starts one emulator with fresh random credentials (they guard nothing real, and are printed so
 * that other tools can reach the emulator).
 */
export async function startEmulator(provider: ProviderId, port = 0): Promise<RunningEmulator> {
  const secret = randomBytes(9).toString('hex');
  let emulator: Emulator<unknown>;
  let credentials: Record<string, string>;
  if (provider === 'invoiceocean') {
    emulator = createInvoiceOceanEmulator({
      apiToken: `emu${secret}`,
      account: 'demo',
    }) as Emulator<unknown>;
    credentials = { apiToken: `emu${secret}/demo` };
  } else if (provider === 'billomat-style') {
    emulator = createMethodStyleEmulator({
      email: 'demo@invoicekit.example',
      apiKey: `emu${secret}`,
    }) as Emulator<unknown>;
    credentials = { email: 'demo@invoicekit.example', apiKey: `emu${secret}` };
  } else {
    emulator = createPlandocketEmulator({ apiKey: `emu${secret}` }) as Emulator<unknown>;
    credentials = { apiKey: `emu${secret}` };
  }
  const served = await serveEmulator(emulator, { port });
  const pairs = (entries: Record<string, string>) =>
    Object.entries(entries)
      .map(([key, value]) => `${provider}.${key}=${value}`)
      .join(' ');
  return {
    provider,
    baseUrl: served.baseUrl,
    config: { provider, baseUrl: served.baseUrl, ...credentials },
    credentials: pairs(credentials),
    settings: pairs({ baseUrl: served.baseUrl, ...credentials }),
    emulator,
    close: () => served.close(),
  };
}

const FAULT_KINDS = [
  'server_error',
  'rate_limit',
  'connection_reset',
  'response_lost',
  'latency',
] as const;

/**
 * `--faults` → faults: a comma-separated list of `kind[:number][*times]`, e.g.
 * `server_error:503*3,rate_limit:2,latency:20*1000,response_lost`.
 */
export function parseFaults(spec: string): Fault[] {
  return spec
    .split(',')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const match = /^([a-z_]+)(?::(\d+))?(?:\*(\d+|all))?$/.exec(part.trim());
      const kind = match?.[1] as (typeof FAULT_KINDS)[number] | undefined;
      if (!match || !kind || !(FAULT_KINDS as readonly string[]).includes(kind))
        throw new UsageError(
          `--faults: cannot read "${part.trim()}" (kinds: ${FAULT_KINDS.join(', ')})`,
        );
      const number = match[2] === undefined ? undefined : Number(match[2]);
      const times = match[3] === 'all' ? Infinity : match[3] === undefined ? 1 : Number(match[3]);
      if (kind === 'server_error') return { kind, times, ...(number ? { status: number } : {}) };
      if (kind === 'rate_limit')
        return { kind, times, ...(number !== undefined ? { retryAfter: number } : {}) };
      if (kind === 'latency') return { kind, times, ms: number ?? 100 };
      return { kind, times };
    });
}
