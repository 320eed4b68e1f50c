/** "Are you sure?" for disruptive actions: Cancel has the focus, so Enter or Escape never does harm by accident. */
import { Dialog } from './dialog.js';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, description, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <div class="form__actions">
        <button type="button" class="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          class="button button--danger"
          onClick={() => {
            onClose();
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
