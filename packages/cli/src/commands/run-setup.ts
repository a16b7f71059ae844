import type { InvoiceAdapterV1 } from '@invoicekit/core';
import { UsageError, pathFrom, type CliIo } from '../io';
import {
  createAdapter,
  providerConfig,
  providerId,
  providerKeysHelp,
  type ProviderId,
} from '../providers';
import { requestLog, secretsOf } from '../request-log';

/** The `parseArgs` options of the flags `migrate` and `sync` share. */
export const RUN_FLAG_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  journal: { type: 'string' },
  report: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  concurrency: { type: 'string' },
  drafts: { type: 'string' },
  verify: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A run command's help, followed by every provider's configuration keys. */
export function runHelp(help: string): string {
  return `${help}\n\nConfiguration keys (--set P.K=V, INVOICEKIT_<PROVIDER>_<KEY>, or --config):\n${providerKeysHelp()}\n`;
}

/** The flags `migrate` and `sync` share, as parsed. */
export interface RunFlags {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly config?: string | undefined;
  readonly set?: string[] | undefined;
  readonly concurrency?: string | undefined;
  readonly drafts?: string | undefined;
  readonly verify?: string | undefined;
  readonly verbose?: boolean | undefined;
}

/** What those flags say, checked: a bad one is a `UsageError` naming it (exit 2). */
export interface RunSettings {
  readonly from: ProviderId;
  readonly to: ProviderId;
  readonly concurrency: number;
  readonly drafts: 'skip' | 'as-draft' | 'issue' | undefined;
  readonly verify: 'write-answer' | 'read-back' | undefined;
}

/** Checks the shared flags before anything is built or read. */
export function runSettings(values: RunFlags): RunSettings {
  const from = providerId(values.from, '--from');
  const to = providerId(values.to, '--to');
  if (from === to) throw new UsageError('--from and --to name the same provider');
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new UsageError('--concurrency: expected a whole number from 1 to 64');
  const drafts = values.drafts;
  if (drafts !== undefined && drafts !== 'skip' && drafts !== 'as-draft' && drafts !== 'issue')
    throw new UsageError('--drafts: expected skip, as-draft or issue');
  const verify = values.verify;
  if (verify !== undefined && verify !== 'write-answer' && verify !== 'read-back')
    throw new UsageError('--verify: expected write-answer or read-back');
  return { from, to, concurrency, drafts, verify };
}

/** The source and target adapters of a run, with `--verbose`'s request log when asked for. */
export interface RunAdapters {
  readonly source: InvoiceAdapterV1;
  readonly target: InvoiceAdapterV1;
  /** Closes both adapters and flushes the request log. */
  close(): Promise<void>;
}

/**
 * Builds both adapters from `--config`, `--set` and the environment; with `--verbose`, every
 * vendor request is logged on stderr with both configurations' secrets masked.
 */
export function runAdapters(io: CliIo, values: RunFlags, settings: RunSettings): RunAdapters {
  const sources = {
    file: values.config === undefined ? undefined : pathFrom(io, values.config),
    env: io.env,
    set: values.set,
  };
  const sourceConfig = providerConfig(settings.from, sources);
  const targetConfig = providerConfig(settings.to, sources);
  const log = values.verbose
    ? requestLog(io, [...secretsOf(sourceConfig), ...secretsOf(targetConfig)])
    : undefined;
  const runtime = log ? { hooks: log.hooks } : {};
  const source = createAdapter(sourceConfig, runtime);
  const target = createAdapter(targetConfig, runtime);
  return {
    source,
    target,
    close: async () => {
      await source.close();
      await target.close();
      log?.flush();
    },
  };
}
