/**
 * The `provider` of every error this package raises: they come from the shared budget, before any
 * vendor call, so they name the limiter rather than a vendor.
 */
export const REDIS_RATE_LIMITER = 'redis-rate-limiter';
