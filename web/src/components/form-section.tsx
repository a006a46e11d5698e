import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface FormSectionProps {
  /** The section's heading, which also names it for screen readers. */
  title: string;
  children: ComponentChildren;
}

/** One card of a long form (Basics, Scope, Limits…), a region named by its heading. */
export function FormSection({ title, children }: FormSectionProps) {
  const titleId = useId();
  return (
    <section class="card form-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}
