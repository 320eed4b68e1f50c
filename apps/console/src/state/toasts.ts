/** Short notices in the corner: operation refusals, confirmations. Errors stay longer than confirmations. */
import { createStore } from './store.js';

export type ToastTone = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  detail?: string;
  /** The original message and code, on a line of their own. */
  technical?: string;
}

type ToastAction = { type: 'show'; toast: Toast } | { type: 'dismiss'; id: number };

const MAX_VISIBLE = 4;
const LIFETIME_MS: Record<ToastTone, number> = { error: 8_000, info: 5_000, success: 4_000 };

function reduceToasts(toasts: Toast[], action: ToastAction): Toast[] {
  if (action.type === 'show') return [...toasts, action.toast].slice(-MAX_VISIBLE);
  return toasts.some((toast) => toast.id === action.id) ? toasts.filter((toast) => toast.id !== action.id) : toasts;
}

export const toastStore = createStore(reduceToasts, []);

let nextId = 1;

export function showToast(tone: ToastTone, title: string, detail?: string, technical?: string): void {
  const toast: Toast = {
    id: nextId++,
    tone,
    title,
    ...(detail === undefined ? {} : { detail }),
    ...(technical === undefined ? {} : { technical }),
  };
  toastStore.dispatch({ type: 'show', toast });
  setTimeout(() => dismissToast(toast.id), LIFETIME_MS[tone]);
}

export function dismissToast(id: number): void {
  toastStore.dispatch({ type: 'dismiss', id });
}
