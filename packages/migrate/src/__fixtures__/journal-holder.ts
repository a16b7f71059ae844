/**
 * Holds a journal in its own process, so a test can see a second run refused, kill this one with
 * SIGKILL, or race several for one lock. JOURNAL names the file. With WAIT_FOR_GO, the journal is
 * opened only after a line on stdin (it prints `ready` first, so several children try at once).
 * Prints `locked <pid>` or
 * `refused <code>`, then holds the journal until stdin ends; RELEASE=exit leaves it to the exit.
 */
import { createInterface } from 'node:readline';
import { FileJournal } from '../journal';

const path = process.env.JOURNAL ?? '';
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
if (process.env.WAIT_FOR_GO) {
  process.stdout.write('ready\n');
  await lines.next();
}
let journal: FileJournal | undefined;
try {
  journal = new FileJournal(path);
  process.stdout.write(`locked ${process.pid}\n`);
} catch (error) {
  process.stdout.write(`refused ${(error as { code?: string }).code ?? 'unknown'}\n`);
}
// Held until the test lets go (closes stdin).
while (!(await lines.next()).done);
if (process.env.RELEASE !== 'exit') journal?.close();
process.exit(0);
