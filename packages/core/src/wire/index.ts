export * from './lenient';
export * from './country';
