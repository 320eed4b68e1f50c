/**
 * The desk's keyboard shortcuts: Alt with a letter, so they work while the focus is in a CRM field and never collide
 * with typing. Matched on the physical key (`event.code`): Alt+letter types other characters on some layouts.
 */
import { useEffect, useRef } from 'preact/hooks';

export const SHORTCUTS = {
  answer: { code: 'KeyA', keys: 'Alt+A', action: 'Answer the ringing call (softphone)' },
  reject: { code: 'KeyD', keys: 'Alt+D', action: 'Decline (reject) the ringing call' },
  hold: { code: 'KeyH', keys: 'Alt+H', action: 'Hold or resume the call' },
  mute: { code: 'KeyM', keys: 'Alt+M', action: 'Mute or unmute' },
  hangUp: { code: 'KeyE', keys: 'Alt+E', action: 'End (hang up) the call' },
  ready: { code: 'KeyS', keys: 'Alt+S', action: 'Switch between Available and Busy' },
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

/** "Hold (Alt+H)": a control's tooltip with its shortcut. */
export function withShortcut(label: string, name: ShortcutName): string {
  return `${label} (${SHORTCUTS[name].keys})`;
}

/**
 * Runs `handler` on the shortcut while `enabled`. Subscribed once; the handler and `enabled` of the latest render are
 * read when the key is pressed, so a control that was just enabled answers its key at once, not an effect later.
 */
export function useShortcut(name: ShortcutName, handler: () => void, enabled = true): void {
  const latest = useRef({ handler, enabled });
  latest.current = { handler, enabled };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!latest.current.enabled) return;
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return;
      if (event.code !== SHORTCUTS[name].code) return;
      event.preventDefault();
      latest.current.handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [name]);
}
