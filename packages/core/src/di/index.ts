export * from './tokens';
export * from './provider-descriptor';
export * from './adapter-container';
export * from './provider-registry';
