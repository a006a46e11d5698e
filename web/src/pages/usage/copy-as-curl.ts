import type { RequestCapture } from '../../api/types';

/** A shell word in single quotes: the only character to escape inside them is the quote itself. */
function shellQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The captured request as a curl command. Credentials are never part of a capture, so the
 * command names them as shell variables the reader fills in: the gateway's URL (the dashboard is
 * served by the admin listener, which does not know the address clients use) and an access key.
 */
export function curlOf(capture: RequestCapture): string {
  const { request } = capture;
  const lines = [`curl "$TOLLGATE_GATEWAY_URL"${shellQuoted(request.path)}`];
  lines.push(`  -H "Authorization: Bearer $TOLLGATE_ACCESS_KEY"`);
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'user-agent') continue;
    lines.push(`  -H ${shellQuoted(`${name}: ${value}`)}`);
  }
  lines.push(`  --data-raw ${shellQuoted(request.body)}`);
  return lines.join(' \\\n');
}
