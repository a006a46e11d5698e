import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';
import type { Resource } from '../lib/use-resource';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="state state-loading" role="status">
      {label}
    </p>
  );
}

/** A missing route (404 from a management API this build does not have yet) reads differently from a failure. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const missing =
    error.status === 404 && error.errorCode === 'not_found' && error.message.startsWith('No route');
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">{missing ? 'Not available on this server' : 'Could not load this'}</p>
      <p>{error.message}</p>
      {onRetry && !missing && (
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <p class="state-title">{title}</p>
      {children}
    </div>
  );
}

interface AsyncProps<T> {
  resource: Resource<T>;
  onRetry?: () => void;
  children(data: T): ComponentChildren;
}

/** Loading and error states for a resource, so every page shows them the same way. */
export function Async<T>({ resource, onRetry, children }: AsyncProps<T>) {
  if (resource.status === 'loading') return <Loading />;
  if (resource.status === 'error')
    return <ErrorState error={resource.error} {...(onRetry ? { onRetry } : {})} />;
  return <>{children(resource.data)}</>;
}
