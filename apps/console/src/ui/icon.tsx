/** Lucide icons (the framework-free `lucide` package: icon nodes, tree-shaken) drawn as inline SVG. */
import { createElement } from 'preact';
import type { IconNode } from 'lucide';

interface IconProps {
  icon: IconNode;
  size?: number;
  /** Omitted: decorative, hidden from assistive technology (the control has its own label). */
  label?: string;
}

export function Icon({ icon, size = 18, label }: IconProps) {
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: decorative icons are aria-hidden; labelled ones are role=img with aria-label
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      focusable="false"
      {...(label === undefined ? { 'aria-hidden': 'true' } : { role: 'img', 'aria-label': label })}
    >
      {icon.map(([tag, attributes], index) => createElement(tag, { key: index, ...attributes }))}
    </svg>
  );
}
