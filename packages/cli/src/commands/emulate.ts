import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseFaults, startEmulator, type RunningEmulator } from '../emulators';
import { EXIT, UsageError, type CliIo } from '../io';
import { providerId, PROVIDERS } from '../providers';

export const EMULATE_HELP = `Usage: invoicekit emulate <provider…> [--port N] [--seed FILE] [--faults SPEC]

Serves vendor emulators on loopback until interrupted (Ctrl-C), printing one line per provider:
  <provider> <baseUrl> <credentials>

Providers: ${PROVIDERS.join(', ')}
  --port N       the first port (the next providers take N+1, N+2 …); free ports by default
  --seed FILE    JSON { "<provider>": <the emulator's seed> } loaded before serving
  --faults SPEC  faults for every emulator, e.g. server_error:503*3,rate_limit:2,response_lost
                 (kinds: server_error, rate_limit, connection_reset, response_lost, latency:MS;
                 *N repeats, *all for every request)`;

export async function emulate(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
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
      seeds = JSON.parse(readFileSync(values.seed, 'utf8')) as Record<string, unknown>;
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
      for (const fault of faults) emulator.emulator.faults.inject(fault);
      io.stdout.write(`${provider} ${emulator.baseUrl} ${emulator.credentials}\n`);
    }
    await io.interrupted;
    return EXIT.ok;
  } finally {
    await Promise.all(running.map((emulator) => emulator.close()));
  }
}
