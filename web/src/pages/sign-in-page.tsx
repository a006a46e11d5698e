import { useState } from 'preact/hooks';
import { api } from '../api/client';
import { errorAt } from '../api/field-errors';
import type { Me } from '../api/types';
import { FormError } from '../components/form-error';
import { SecretField } from '../components/secret-field';
import { useSubmit } from '../lib/use-submit';

/** Sign-in with an API key; the server keeps it in an httpOnly cookie, this page forgets it. */
export function SignInPage({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const [apiKey, setApiKey] = useState('');
  const submission = useSubmit();
  return (
    <main class="sign-in">
      <form
        class="card sign-in-card"
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            const me = await api.post<Me>('/ui/session', { apiKey });
            setApiKey('');
            onSignedIn(me);
          });
        }}
      >
        <p class="brand brand-large">Tollgate</p>
        <h1>Sign in</h1>
        <p class="muted">
          Use an API key (tgapi-…). The first one is printed when Tollgate starts on an empty database.
        </p>
        <SecretField
          label="API key"
          error={errorAt(submission.fieldErrors, 'apiKey')}
          value={apiKey}
          onChange={setApiKey}
        />
        <FormError error={submission.error} />
        <button type="submit" class="button button-primary button-block" disabled={submission.busy}>
          {submission.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
