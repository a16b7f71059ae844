export * from './adapter-v1';
export * from './capabilities';
export * from './results';
export * from './warnings';
export * from './unsupported';
export * from './provider-options';
export * from './raw-request';
export * from './adapter-rendering';
