/**
 * Key-like tokens (`sk-…`, `tg-…`, `tgapi-…`): they can reach an error message or a stack (a URL,
 * a provider's echo of the key) and must never reach a log line or a client.
 */
const keyLike = /\b(sk|rk|pk|tg|tgapi|xai|gsk|key)[-_][A-Za-z0-9_*\-.]{6,}/g;

/** The text with every key-like token, and the given secret if any, replaced by `[redacted]`. */
export function redactSecrets(text: string, secret = ''): string {
  const scrubbed = secret.length > 0 ? text.split(secret).join('[redacted]') : text;
  return scrubbed.replace(keyLike, '[redacted]');
}
