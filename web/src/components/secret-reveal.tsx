import { useId, useRef, useState } from 'preact/hooks';

interface SecretRevealProps {
  label: string;
  secret: string;
}

/**
 * Shows a freshly created token, the only time it exists outside the server's hash. The copy
 * button uses the Clipboard API and falls back to selecting the text where the browser refuses.
 */
export function SecretReveal({ label, secret }: SecretRevealProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopyState('copied');
    } catch {
      input.current?.select();
      setCopyState('manual');
    }
  };
  return (
    <div class="secret-reveal">
      <p class="warning" role="note">
        <strong>Copy this token now.</strong> It will not be shown again: Tollgate keeps only a hash of it.
      </p>
      <label for={id}>{label}</label>
      <div class="secret-row">
        <input
          id={id}
          ref={input}
          class="mono"
          readOnly
          value={secret}
          data-testid="new-token"
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void copy()}>
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p class="field-hint" aria-live="polite">
        {copyState === 'copied' && 'Copied to the clipboard.'}
        {copyState === 'manual' &&
          'The browser blocked the clipboard; the token is selected: press Ctrl+C (⌘C).'}
      </p>
    </div>
  );
}
