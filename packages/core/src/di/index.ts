export * from './tokens';
export * from './provider-descriptor';
export * from './provider-runtime';
export * from './adapter-options';
export * from './adapter-container';
export * from './provider-registry';
