import type { ComponentChildren } from 'preact';

/** One headline figure (a balance, a total) on a card; several sit side by side in a `stat-row`. */
export function Stat({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="card stat">
      <p class="stat-label">{label}</p>
      <p class="stat-value">{children}</p>
    </div>
  );
}
