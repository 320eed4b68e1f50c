/** The corner where toasts appear; a polite live region, so screen readers announce them without interrupting. */
import { CircleAlert, CircleCheck, Info, X } from 'lucide';
import { dismissToast, toastStore, type ToastTone } from '../state/toasts.js';
import { useStore } from '../state/store.js';
import { Icon } from './icon.js';

const TONE_ICONS = { error: CircleAlert, success: CircleCheck, info: Info } satisfies Record<ToastTone, unknown>;

export function ToastRegion() {
  const toasts = useStore(toastStore);
  return (
    <div class="toast-region" role="status" aria-live="polite" aria-label="Notifications">
      {toasts.map((toast) => (
        <div key={toast.id} class={`toast toast--${toast.tone}`}>
          <span class="toast__icon">
            <Icon icon={TONE_ICONS[toast.tone]} size={18} />
          </span>
          <div class="toast__text">
            <p class="toast__title">{toast.title}</p>
            {toast.detail && <p class="toast__detail">{toast.detail}</p>}
            {toast.technical && <p class="details-line">{toast.technical}</p>}
          </div>
          <button
            type="button"
            class="icon-button icon-button--small"
            aria-label="Dismiss notification"
            onClick={() => dismissToast(toast.id)}
          >
            <Icon icon={X} size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
