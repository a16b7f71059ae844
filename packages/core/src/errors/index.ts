export * from './error-code';
export * from './invoicekit-error';
export * from './errors';
export * from './redaction';
