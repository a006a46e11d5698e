import { useEffect, useState } from 'preact/hooks';

/** The app lives under /ui/; routes are the rest of the path (`keys`, `configurations/aigac_…`). */
export const basePath = '/ui/';

function currentRoute(): string {
  const path = window.location.pathname;
  return path.startsWith(basePath) ? path.slice(basePath.length).replace(/\/+$/, '') : '';
}

const listeners = new Set<() => void>();

export function navigate(route: string): void {
  const target = `${basePath}${route}`;
  if (target !== window.location.pathname) window.history.pushState(null, '', target);
  for (const listener of listeners) listener();
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

export function hrefOf(route: string): string {
  return `${basePath}${route}`;
}
