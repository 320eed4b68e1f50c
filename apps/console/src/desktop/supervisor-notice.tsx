/** Tells the agent what a supervisor did to them (forced busy, ended the call), with the time, until dismissed. */
import { ShieldAlert, X } from 'lucide';
import { formatClockTime } from '../format/durations.js';
import { deskStore } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';

export function SupervisorNotice({ notice }: { notice: { text: string; at: number } }) {
  return (
    <div class="banner banner--info" role="status" aria-label="Supervisor action">
      <Icon icon={ShieldAlert} size={18} />
      <span>
        {notice.text} <span class="muted">({formatClockTime(notice.at)})</span>
      </span>
      <button
        type="button"
        class="icon-button icon-button--small banner__close"
        aria-label="Dismiss"
        onClick={() => deskStore.dispatch({ type: 'supervisorNoticeDismissed' })}
      >
        <Icon icon={X} size={16} />
      </button>
    </div>
  );
}
