import type { ComponentChildren } from 'preact';

interface PageHeaderProps {
  title: string;
  description?: ComponentChildren;
  actions?: ComponentChildren;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p class="page-description">{description}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}
