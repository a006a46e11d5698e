import { useState } from 'preact/hooks';
import type { CapturedBody, RequestCapture } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { curlOf } from './copy-as-curl';

/** A JSON body pretty-printed when it parses whole; anything else (a cut body, a stream) as it is. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function Body({ label, captured }: { label: string; captured: CapturedBody }) {
  return (
    <details class="capture-body">
      <summary>
        {label}
        {captured.truncated && <span class="badge"> cut at the size cap</span>}
      </summary>
      <pre class="mono small">{readable(captured.body)}</pre>
    </details>
  );
}

/** The request's captured bodies: what the client sent, what it got, and what each attempt sent upstream. */
export function RequestCaptureView({ capture }: { capture: RequestCapture }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const curl = curlOf(capture);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(curl);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section class="section" aria-labelledby="capture-title">
      <div class="section-header">
        <h2 id="capture-title">Captured bodies</h2>
        <button type="button" class="button" onClick={() => void copy()}>
          {copied === 'copied' ? 'Copied' : 'Copy as curl'}
        </button>
      </div>
      <p class="muted small">
        Captured {formatDateTime(capture.capturedAt)}, deleted {formatDateTime(capture.expiresAt)}.
        Credentials are never captured: the curl command reads the gateway URL and an access key from
        $TOLLGATE_GATEWAY_URL and $TOLLGATE_ACCESS_KEY.
      </p>
      <p class="field-hint" aria-live="polite">
        {copied === 'failed' && 'The browser blocked the clipboard; copy the command below instead.'}
      </p>
      <details class="capture-body">
        <summary>curl command</summary>
        <pre class="mono small" data-testid="capture-curl">
          {curl}
        </pre>
      </details>
      <Body label={`Request: ${capture.request.method} ${capture.request.path}`} captured={capture.request} />
      {capture.response ? (
        <Body
          label={`Response: ${capture.response.statusCode}${capture.response.streamed ? ' (stream events)' : ''}`}
          captured={capture.response}
        />
      ) : (
        <p class="muted small">No response was sent.</p>
      )}
      {capture.attempts.map((attempt) => (
        <div key={attempt.attemptNumber}>
          <Body
            label={`Attempt ${attempt.attemptNumber}: ${attempt.model} → ${attempt.statusCode || 'no answer'}`}
            captured={attempt}
          />
          {attempt.error && <p class="muted small">Provider said: {attempt.error}</p>}
        </div>
      ))}
    </section>
  );
}
