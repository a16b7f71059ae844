import { readFileSync, writeFileSync } from 'node:fs';
import { parseFlags } from '../args';
import { capabilityMatrix, withCurrentMatrix } from '../capability-matrix';
import { fieldCapabilityTable, withCurrentFieldTable } from '../field-capability-table';
import { EXIT, UsageError, pathFrom, type CliIo } from '../io';

export const CAPABILITIES_HELP = `Usage: invoicekit capabilities [--update FILE]

Prints what each provider's API can do (provider × operation), from the adapters' declared
capabilities, and which canonical fields each can hold (field × provider: carried, approximated
or not held, with the reason), from the providers' field writers. With --update, rewrites both
generated sections of FILE (the README).`;

export function capabilities(args: readonly string[], io: CliIo): number {
  const { values } = parseFlags({
    args: [...args],
    options: { update: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.stdout.write(`${CAPABILITIES_HELP}\n`);
    return EXIT.ok;
  }
  if (values.update === undefined) {
    io.stdout.write(`${capabilityMatrix()}\n\n${fieldCapabilityTable()}\n`);
    return EXIT.ok;
  }
  let document: string;
  try {
    document = readFileSync(pathFrom(io, values.update), 'utf8');
  } catch {
    throw new UsageError(`--update: cannot read ${values.update}`);
  }
  try {
    writeFileSync(pathFrom(io, values.update), withCurrentFieldTable(withCurrentMatrix(document)));
  } catch (error) {
    throw new UsageError(`--update: ${(error as Error).message}`);
  }
  io.stdout.write(`updated the capability matrix and field table in ${values.update}\n`);
  return EXIT.ok;
}
