/**
 * Whether every control on a page can be reached: each visible button, link, field and tab is focused and scrolled
 * into view as keyboard focus does, then its box must lie inside the viewport and inside every ancestor that clips its
 * content, no container that people cannot scroll (overflow hidden) may have had to scroll to show it, and only
 * containers made to scroll sideways (`.table-scroll`, `[data-scrolls-sideways]`) may have scrolled sideways. Also
 * reports a page wider than the viewport. With a modal dialog open, its controls are the ones checked.
 */
import type { Page } from 'playwright-core';

export interface UnreachableControl {
  control: string;
  clippedBy: string;
  box: { left: number; top: number; right: number; bottom: number };
}

export async function unreachableControls(page: Page): Promise<UnreachableControl[]> {
  return page.evaluate(() => {
    const TOLERANCE = 1;
    const SIDEWAYS_SCROLLERS = '.table-scroll, [data-scrolls-sideways]';
    const describe = (element: Element): string => {
      const name = element.getAttribute('aria-label') ?? element.textContent?.trim().replace(/\s+/g, ' ').slice(0, 40) ?? '';
      const id = element.id ? `#${element.id}` : '';
      const classes =
        typeof element.className === 'string' && element.className !== '' ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `${element.tagName.toLowerCase()}${id}${classes} “${name}”`;
    };
    const rounded = (box: DOMRect) => ({
      left: Math.round(box.left),
      top: Math.round(box.top),
      right: Math.round(box.right),
      bottom: Math.round(box.bottom),
    });
    const unscrollable = (style: CSSStyleDeclaration, axis: 'X' | 'Y') =>
      style[`overflow${axis}`] === 'hidden' || style[`overflow${axis}`] === 'clip';

    // Where a control moves into view on focus (a skip link), its end position counts, not a frame of its transition.
    const noTransitions = document.head.appendChild(document.createElement('style'));
    noTransitions.textContent = '*, *::before, *::after { transition: none !important; }';
    const problems: UnreachableControl[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + TOLERANCE) {
      problems.push({
        control: `the page (${root.scrollWidth} px wide)`,
        clippedBy: 'viewport',
        box: { left: 0, top: 0, right: root.scrollWidth, bottom: 0 },
      });
    }
    const selector = 'button, a[href], input, select, textarea, summary, [role="tab"], [tabindex]:not([tabindex="-1"])';
    // An open modal dialog is in the top layer: only its controls can be used, and nothing around it clips them.
    const modal = document.querySelector('dialog:modal');
    for (const control of Array.from((modal ?? document).querySelectorAll<HTMLElement>(selector))) {
      if (control.getClientRects().length === 0 || getComputedStyle(control).visibility === 'hidden') continue;
      control.focus();
      control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const box = control.getBoundingClientRect();
      const clips: { by: string; left: number; top: number; right: number; bottom: number }[] = [
        { by: 'viewport', left: 0, top: 0, right: root.clientWidth, bottom: root.clientHeight },
      ];
      for (let ancestor = control.parentElement; ancestor; ancestor = ancestor.parentElement) {
        if (modal && !modal.contains(ancestor)) break;
        const style = getComputedStyle(ancestor);
        // scrollIntoView scrolls containers with overflow hidden too, which a person cannot do.
        const movedX = ancestor.scrollLeft !== 0 && unscrollable(style, 'X');
        const movedY = ancestor.scrollTop !== 0 && unscrollable(style, 'Y');
        if (movedX || movedY) {
          problems.push({ control: describe(control), clippedBy: `${describe(ancestor)} (overflow hidden)`, box: rounded(box) });
          if (movedX) ancestor.scrollLeft = 0;
          if (movedY) ancestor.scrollTop = 0;
        } else if (ancestor.scrollLeft !== 0 && !ancestor.matches(SIDEWAYS_SCROLLERS)) {
          // Only containers made to scroll sideways (wide tables) may; elsewhere the control sticks out of the layout.
          problems.push({ control: describe(control), clippedBy: `${describe(ancestor)} (scrolled sideways)`, box: rounded(box) });
          ancestor.scrollLeft = 0;
        }
        if (ancestor === document.body || ancestor === root || (style.overflowX === 'visible' && style.overflowY === 'visible')) continue;
        const outer = ancestor.getBoundingClientRect();
        const left = outer.left + ancestor.clientLeft;
        const top = outer.top + ancestor.clientTop;
        clips.push({ by: describe(ancestor), left, top, right: left + ancestor.clientWidth, bottom: top + ancestor.clientHeight });
        if (ancestor === modal) break;
      }
      const clip = clips.find(
        (area) =>
          box.left < area.left - TOLERANCE ||
          box.top < area.top - TOLERANCE ||
          box.right > area.right + TOLERANCE ||
          box.bottom > area.bottom + TOLERANCE,
      );
      if (clip) problems.push({ control: describe(control), clippedBy: clip.by, box: rounded(box) });
    }
    (document.activeElement as HTMLElement | null)?.blur();
    noTransitions.remove();
    window.scrollTo(0, 0);
    return problems;
  });
}
