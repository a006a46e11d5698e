import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError } from '../api/client';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; data: T; refreshing: boolean };

/**
 * Loads data for a page and reloads it on demand. A reload keeps the current data on screen
 * (no flash of the loading state after every save); a stale answer never overwrites a newer one.
 */
export function useResource<T>(
  load: () => Promise<T>,
  dependencies: readonly unknown[],
): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) =>
      previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' },
    );
    load().then(
      (data) => current && setState({ status: 'ready', data, refreshing: false }),
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [...dependencies, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return [state, reload];
}
