// Bundled into the build (esbuild inlines JSON), so the version sent is the package's own.
import providerPackage from '../package.json';

/** This package's version, from its package.json: one source of truth, released by changesets. */
export const INVOICEOCEAN_VERSION: string = providerPackage.version;

/** The user agent of every request: the provider and the package version, so vendors can tell releases apart. */
export const INVOICEOCEAN_USER_AGENT = `invoicekit-invoiceocean/${INVOICEOCEAN_VERSION}`;
