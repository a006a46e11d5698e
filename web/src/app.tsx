import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, asApiError, whenSignedOut } from './api/client';
import type { Me } from './api/types';
import { ErrorState, Loading } from './components/states';
import { SignInPage } from './pages/sign-in-page';
import { Shell } from './shell';

type Session =
  | { state: 'checking' }
  | { state: 'signed-out' }
  | { state: 'failed'; error: ApiError }
  | { state: 'signed-in'; me: Me };

/** Asks `/me` whether the session cookie is still good; every page lives behind that answer. */
export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    whenSignedOut(() => setSession({ state: 'signed-out' }));
    api.get<Me>('/me').then(
      (me) => setSession({ state: 'signed-in', me }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setSession({ state: 'signed-out' });
        else
          setSession({
            state: 'failed',
            error: asApiError(error),
          });
      },
    );
  }, [attempt]);

  if (session.state === 'checking') return <Loading label="Checking your session…" />;
  if (session.state === 'failed') {
    return (
      <main class="centered">
        <ErrorState error={session.error} onRetry={() => setAttempt((value) => value + 1)} />
      </main>
    );
  }
  if (session.state === 'signed-out')
    return <SignInPage onSignedIn={(me) => setSession({ state: 'signed-in', me })} />;
  return <Shell me={session.me} onSignedOut={() => setSession({ state: 'signed-out' })} />;
}
