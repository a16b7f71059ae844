// Bundled into the build (esbuild inlines JSON), so the printed version is the package's own.
import cliPackage from '../package.json';

/** The CLI package's version, from its package.json (one source of truth). */
export const CLI_VERSION: string = cliPackage.version;
