export * from './business-day';
