export * from './position';
export * from './invoice';
export * from './client';
export * from './payment';
export * from './product';
