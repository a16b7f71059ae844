/**
 * The one Redis script of the shared budget: grants a request when the last grant of the key is
 * at least one interval old, by Redis's clock, and otherwise says how long to wait.
 *
 * Check and grant are one atomic step, so of two processes asking at the same moment exactly one
 * is granted; a caller that is told to wait has taken nothing (an aborted waiter costs no budget).
 * One clock — Redis's `TIME` — orders the grants of every process, so the hosts' clocks need not
 * agree.
 *
 * - `KEYS[1]`: the budget's key, holding the Redis time (µs) of its last grant;
 * - `ARGV[1]`: the interval between two grants, in µs;
 * - returns 0 when granted, else the µs until the next grant may be made.
 *
 * If Redis's clock stepped back (the last grant lies in the future) the step counts as a grant
 * made now: the budget waits one interval, where trusting the stored time could block it for as
 * long as the step, and granting at once could let two requests through together. The key expires
 * one second after it stops mattering, so an idle budget leaves nothing behind.
 */
export const GRANT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local ttl = math.ceil(interval / 1000) + 1000
-- Written as an integer: how Redis turns a Lua number into a string is a matter of version.
local stamp = string.format('%.0f', now)
local last = tonumber(redis.call('GET', KEYS[1]))
if last ~= nil and last > now then
  redis.call('SET', KEYS[1], stamp, 'PX', ttl)
  return interval
end
if last ~= nil and now - last < interval then
  return last + interval - now
end
redis.call('SET', KEYS[1], stamp, 'PX', ttl)
return 0
`;

/**
 * The interval between two grants, in whole µs (rounded up, so never below the exact figure): a
 * minute plus the safety margin, divided into `requestsPerMinute` slots.
 *
 * Why the margin: Redis spaces the *grants* at least one interval apart, but what the vendor
 * counts are *arrivals*, each some delay after its grant (the reply's trip back, event-loop lag
 * in the caller, the transport's own work, the request's trip out). Any R + 1 grants span at
 * least R intervals; their arrivals span at least R intervals minus the spread of those delays.
 * With R intervals = 60 s + margin, R + 1 arrivals fit in 60 s only if the delays vary by more
 * than the margin — so event-loop lag and jitter up to the margin can never squeeze R + 1
 * arrivals into a minute.
 */
export function grantIntervalMicros(requestsPerMinute: number, safetyMarginMs: number): number {
  return Math.ceil(((60_000 + safetyMarginMs) * 1000) / requestsPerMinute);
}
