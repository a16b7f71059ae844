export * from './webhook-event';
export * from './webhook-request';
export * from './webhook-rejected-error';
export * from './webhook-operations';
export * from './webhook-provider';
export * from './replay-store';
