/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and focus returns to the
 * control that opened it.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { X } from 'lucide';
import { Icon } from './icon.js';

interface DialogProps {
  title: string;
  description?: string;
  open: boolean;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}

let nextDialogId = 1;

export function Dialog({ title, description, open, onClose, children, wide = false }: DialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useRef(`dialog-${nextDialogId++}`).current;
  // The browser fires `close` a task after `close()`: by then the dialog may be open again (reopened at once), and
  // that late event must not close it. Only a close the browser made itself is reported to `onClose`.
  const closingItself = useRef(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      // Start in the form, not on the close button the browser would pick first.
      element.querySelector<HTMLElement>('.dialog__body :is(input, select, textarea, button):not([disabled])')?.focus();
    }
    if (!open && element.open) {
      closingItself.current = true;
      element.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      class={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onClose={() => {
        if (closingItself.current) closingItself.current = false;
        else onClose();
      }}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <header class="dialog__header">
            <div>
              <h2 id={`${id}-title`} class="dialog__title">
                {title}
              </h2>
              {description && (
                <p id={`${id}-description`} class="dialog__description">
                  {description}
                </p>
              )}
            </div>
            <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
              <Icon icon={X} />
            </button>
          </header>
          <div class="dialog__body">{children}</div>
        </>
      )}
    </dialog>
  );
}
