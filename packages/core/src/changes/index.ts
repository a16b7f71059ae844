export * from './change-cursor';
export * from './record-listing';
