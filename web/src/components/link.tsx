import type { ComponentChildren } from 'preact';
import { hrefOf, navigate } from '../lib/router';

interface LinkProps {
  route: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
}

/** A real link (works with middle-click and "open in new tab") that routes in place on a plain click. */
export function Link({ route, children, class: className, current = false }: LinkProps) {
  return (
    <a
      href={hrefOf(route)}
      class={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </a>
  );
}
