import { defineConfig } from 'tsup';

const library = {
  entry: { index: 'src/index.ts' },
  dts: true,
  sourcemap: true,
  target: 'node20',
} as const;

export default defineConfig([
  { ...library, format: ['esm'], clean: true },
  // string-width is an ES module only: Node's require() of it gives its namespace, not the
  // function, so the CommonJS build carries its own copy.
  { ...library, format: ['cjs'], noExternal: ['string-width'] },
  // The executable is an ES module (it awaits at the top level).
  { entry: { main: 'src/main.ts' }, format: ['esm'], sourcemap: true, target: 'node20' },
]);
