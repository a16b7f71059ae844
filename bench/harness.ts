/**
 * The bench toolkit every package's `bench/*.bench.ts` uses: interleaved rounds (min and median),
 * allocation and retained-heap figures, a fixed-response server for client-only figures, and
 * servers in a child process. Figures come from here, never from timed tests.
 */
export * from './interleaved';
export * from './allocation';
export * from './fixed-response-server';
export * from './child-process';
