export * from './auth-strategy';
export * from './strategies';
