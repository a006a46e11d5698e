/**
 * The values usage events record in their enum columns. The gateway writes them, the admin
 * schemas document them and the views read them back through `member()` (which fails loudly on
 * a stranger), so they are listed once, here, with no schema library: the writers' types come
 * from these lists.
 */

/** Whose provider key served the attempt: the gateway's own (`ngrok`) or the account's (`user`). */
export const keySources = ['ngrok', 'user'] as const;
export type KeySource = (typeof keySources)[number];

/** What the failover loop did after an attempt. */
export const retryActions = [
  'succeeded',
  'next_key',
  'next_quota_pool',
  'next_backend',
  'managed_fallback',
  'retry_same_backend',
  'fail_fast',
  'exhausted',
] as const;
export type RetryAction = (typeof retryActions)[number];

/** How an attempt ended. */
export const completions = ['succeeded', 'failed', 'timed_out', 'stream_failed', 'unknown'] as const;
export type Completion = (typeof completions)[number];
