export * from './codec';
export * from './json-codec';
export * from './xml-codec';
export * from './json-guards';
