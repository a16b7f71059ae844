export * from './decimal';
export * from './currency';
export * from './rounding';
export * from './rounding-strategy';
export * from './tax-factor';
export * from './line-totals';
export * from './document-totals';
