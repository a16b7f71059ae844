import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
  },
  // The executable is an ES module (it awaits at the top level).
  { entry: { main: 'src/main.ts' }, format: ['esm'], sourcemap: true, target: 'node20' },
]);
