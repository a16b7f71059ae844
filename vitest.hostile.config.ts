import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `pnpm test:hostile`: the hostile-vendor suite alone, with the main config's source aliases.
 * Each case runs its client in a child process (time and peak memory measured there), so the
 * cases run one at a time. (Not `mergeConfig`: it would concatenate the include lists.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['packages/hostile/src/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    fileParallelism: false,
    reporters: ['default'],
    testTimeout: 60_000,
  },
});
