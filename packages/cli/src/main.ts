#!/usr/bin/env node
/** The `invoicekit` executable: runs the command line and exits with its code. */
import { runCli } from './cli';
import { EXIT } from './io';

// The first Ctrl-C (or SIGTERM) asks the running command to stop cleanly — `migrate` finishes the
// invoices in flight, writes its report and says how to resume. A second one exits at once: the
// journal is consistent anyway (every fact is written and synced before the next step).
let signals = 0;
const interrupted = new Promise<void>((resolve) => {
  const onSignal = (): void => {
    signals += 1;
    if (signals === 1) {
      resolve();
      return;
    }
    process.stderr.write(
      'interrupted again: stopped at once. The journal is consistent: run the same command again to resume.\n',
    );
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  interrupted,
});
process.exit(code);
