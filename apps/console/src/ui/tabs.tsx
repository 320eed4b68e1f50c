/** Tabs with the ARIA tabs pattern: arrow keys move between tabs, only the selected tab is in the tab order. */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDefinition<K extends string> {
  key: K;
  label: string;
}

interface TabsProps<K extends string> {
  id: string;
  label: string;
  tabs: TabDefinition<K>[];
  selected: K;
  onSelect: (key: K) => void;
  children: ComponentChildren;
}

export function Tabs<K extends string>({ id, label, tabs, selected, onSelect, children }: TabsProps<K>) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.key === selected);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    onSelect(next.key);
    list.current?.querySelector<HTMLButtonElement>(`#${id}-tab-${next.key}`)?.focus();
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-tab-${tab.key}`}
            class="tabs__tab"
            aria-selected={tab.key === selected}
            aria-controls={`${id}-panel`}
            tabIndex={tab.key === selected ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${selected}`} class="tabs__panel">
        {children}
      </div>
    </>
  );
}
