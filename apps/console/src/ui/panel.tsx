/** A titled card: the console's basic surface. */
import type { ComponentChildren } from 'preact';

interface PanelProps {
  title: ComponentChildren;
  /** Controls at the right of the title (refresh, collapse). */
  actions?: ComponentChildren;
  children?: ComponentChildren;
  class?: string;
  /** The id of the title, for regions labelled by it. */
  titleId?: string;
  as?: 'section' | 'aside';
}

export function Panel({ title, actions, children, class: className, titleId, as = 'section' }: PanelProps) {
  const Tag = as;
  return (
    <Tag class={className ? `panel ${className}` : 'panel'} aria-labelledby={titleId}>
      <header class="panel__header">
        <h2 class="panel__title" id={titleId}>
          {title}
        </h2>
        {actions && <div class="panel__actions">{actions}</div>}
      </header>
      {children}
    </Tag>
  );
}
