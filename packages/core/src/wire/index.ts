export * from './lenient';
export * from './country';
export * from './read-vendor-record';
