/**
 * Capture defaults and bounds (docs/decisions.md: request capture). A module of its own, free of
 * the store, so that the admin schemas (which the dashboard's compiler reads) can name them.
 */
export const captureLimits = {
  defaultRetentionSeconds: 7 * 24 * 3600,
  maxRetentionSeconds: 30 * 24 * 3600,
  defaultMaxBodyBytes: 64 * 1024,
  minBodyBytes: 1024,
  maxBodyBytes: 1024 * 1024,
};
