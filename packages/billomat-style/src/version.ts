// Bundled into the build (esbuild inlines JSON), so the version sent is the package's own.
import providerPackage from '../package.json';

/** This package's version, from its package.json: one source of truth, released by changesets. */
export const BILLOMAT_STYLE_VERSION: string = providerPackage.version;

/** The user agent of every request: the provider and the package version, so vendors can tell releases apart. */
export const BILLOMAT_STYLE_USER_AGENT = `invoicekit-billomat-style/${BILLOMAT_STYLE_VERSION}`;
