/** The provider id used in configuration, errors and `providerOptions`. */
export const INVOICEOCEAN = 'invoiceocean';
