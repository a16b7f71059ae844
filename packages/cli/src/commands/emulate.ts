import { readFileSync } from 'node:fs';
import { parseFlags } from '../args';
import { writeEmulatedBook } from '../demo/book';
import { parseFaults, startEmulator, type RunningEmulator } from '../emulators';
import { EXIT, UsageError, pathFrom, type CliIo } from '../io';
import { providerId, PROVIDERS } from '../providers';

export const EMULATE_HELP = `Usage: invoicekit emulate <provider…> [--port N] [--empty] [--seed FILE] [--faults SPEC]

Serves vendor emulators on loopback until interrupted (Ctrl-C), printing one line per provider:
  <provider> <baseUrl> <provider>.baseUrl=<baseUrl> <provider>.<credential>=<value> …
each pair after the base URL goes straight into --set (e.g. invoicekit invoices list --provider P
--set P.baseUrl=… --set P.apiKey=…); the same as a --config file is printed on stderr.

Each emulator starts with a small book: a few customers and invoices in the states the vendor
has (issued, paid, partially paid, canceled, a draft, a credit note).

Providers: ${PROVIDERS.join(', ')}
  --port N       the first port (the next providers take N+1, N+2 …); free ports by default
  --empty        start every emulator blank, without the book
  --seed FILE    JSON { "<provider>": <the emulator's seed> } loaded before serving, instead
                 of the book for the providers it names
  --faults SPEC  faults for every emulator, e.g. server_error:503*3,rate_limit:2,response_lost
                 (kinds: server_error, rate_limit, connection_reset, response_lost, latency:MS;
                 *N repeats, *all for every request)`;

export async function emulate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags({
    args: [...args],
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      empty: { type: 'boolean' },
      faults: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(`${EMULATE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('emulate: name at least one provider');
  const providers = positionals.map((name) => providerId(name, 'emulate'));
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port: expected a port number');
  let seeds: Record<string, unknown> = {};
  if (values.seed !== undefined) {
    try {
      seeds = JSON.parse(readFileSync(pathFrom(io, values.seed), 'utf8')) as Record<
        string,
        unknown
      >;
    } catch {
      throw new UsageError(`--seed: cannot read JSON from ${values.seed}`);
    }
  }
  const faults = values.faults === undefined ? [] : parseFaults(values.faults);
  const running: RunningEmulator[] = [];
  try {
    for (const [index, provider] of providers.entries()) {
      const emulator = await startEmulator(provider, port === 0 ? 0 : port + index);
      running.push(emulator);
      if (seeds[provider] !== undefined) emulator.emulator.seed(seeds[provider]);
      else if (!values.empty) await writeEmulatedBook(emulator);
      for (const fault of faults) emulator.emulator.faults.inject(fault);
      io.stdout.write(`${provider} ${emulator.baseUrl} ${emulator.settings}\n`);
    }
    const file = Object.fromEntries(
      running.map(({ provider, config }) => [
        provider,
        Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'provider')),
      ]),
    );
    io.stderr.write(`as a --config file: ${JSON.stringify(file)}\n`);
    await io.interrupted;
    return EXIT.ok;
  } finally {
    await Promise.all(running.map((emulator) => emulator.close()));
  }
}
