import { didYouMean, parseFlags } from '../args';
import type { Customer, Invoice } from '@invoicekit/core';
import { EXIT, UsageError, pathFrom, type CliIo } from '../io';
import { PROVIDERS, createAdapter, providerConfig, providerId } from '../providers';
import { requestLog, secretsOf } from '../request-log';
import { renderTable } from '../table';

export const RECORDS_HELP = `Usage: invoicekit invoices list|get [id] --provider <provider> [options]
       invoicekit customers list|get [id] --provider <provider> [options]

  --provider P   one of ${PROVIDERS.join(', ')}
  --config FILE  JSON { "<provider>": { …adapter config } }
  --set P.K=V    a config value (repeatable); INVOICEKIT_<PROVIDER>_<KEY> in the environment too
  --limit N      list at most N records (default 50)
  --json         JSON (one array or object) instead of a table
  --verbose      one line per vendor request on stderr (credentials masked)`;

function invoiceRow(invoice: Invoice): string[] {
  return [
    invoice.id,
    invoice.number ?? '—',
    invoice.type,
    invoice.status.canonical,
    invoice.issueDate ?? '—',
    invoice.currency,
    invoice.totals.gross,
    invoice.totals.due,
  ];
}

function customerRow(customer: Customer): string[] {
  return [
    customer.id,
    customer.name,
    customer.email ?? '—',
    customer.taxId ?? '—',
    customer.address?.country ?? '—',
  ];
}

/** `invoices list|get`, `customers list|get` on any configured provider. */
export async function records(
  kind: 'invoices' | 'customers',
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseFlags({
    args: [...args],
    allowPositionals: true,
    options: {
      provider: { type: 'string' },
      config: { type: 'string' },
      set: { type: 'string', multiple: true },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${RECORDS_HELP}\n`);
    return EXIT.ok;
  }
  const [action, id] = positionals;
  if (action !== 'list' && action !== 'get')
    throw new UsageError(
      `${kind}: expected "list" or "get"${action === undefined ? '' : didYouMean(action, ['list', 'get'])}`,
    );
  if (action === 'get' && !id) throw new UsageError(`${kind} get: give the id`);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError('--limit: expected a positive whole number');
  const provider = providerId(values.provider, '--provider');
  const config = providerConfig(provider, {
    file: values.config === undefined ? undefined : pathFrom(io, values.config),
    env: io.env,
    set: values.set,
  });
  const log = values.verbose ? requestLog(io, secretsOf(config)) : undefined;
  const adapter = createAdapter(config, log ? { hooks: log.hooks } : {});
  try {
    const found: (Invoice | Customer)[] = [];
    if (action === 'get')
      found.push(
        await (kind === 'invoices'
          ? adapter.invoices.get(id ?? '')
          : adapter.customers.get(id ?? '')),
      );
    else
      for await (const record of kind === 'invoices'
        ? adapter.invoices.list()
        : adapter.customers.list()) {
        found.push(record);
        if (found.length >= limit) break;
      }
    if (values.json) {
      const plain = found.map(({ raw: _raw, ...record }) => record);
      io.stdout.write(`${JSON.stringify(action === 'get' ? plain[0] : plain, null, 2)}\n`);
    } else if (kind === 'invoices') {
      io.stdout.write(
        `${renderTable(['id', 'number', 'type', 'status', 'issued', 'currency', 'gross', 'due'], (found as Invoice[]).map(invoiceRow))}\n`,
      );
    } else {
      io.stdout.write(
        `${renderTable(['id', 'name', 'e-mail', 'tax id', 'country'], (found as Customer[]).map(customerRow))}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await adapter.close();
    log?.flush();
  }
}
