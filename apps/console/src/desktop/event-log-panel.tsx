/** The SDK's events as they arrive, newest first: a live view of what a CRM integration receives. */
import { ChevronsLeft, ChevronsRight, Trash2 } from 'lucide';
import { useState } from 'preact/hooks';
import { formatClockTime } from '../format/durations.js';
import { eventLogStore, type LoggedEvent } from '../state/event-log.js';
import { useStore } from '../state/store.js';
import { Icon } from '../ui/icon.js';
import { summarizeEvent } from './event-summary.js';

export function EventLogPanel({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const entries = useStore(eventLogStore);
  const [hideResponses, setHideResponses] = useState(false);
  const shown = entries
    .filter((entry) => !(hideResponses && entry.name.endsWith('Resp')))
    .slice()
    .reverse();
  return (
    <aside class={open ? 'event-log' : 'event-log event-log--collapsed'} aria-labelledby="event-log-title">
      <header class="event-log__header">
        <button
          type="button"
          class="icon-button"
          aria-expanded={open}
          aria-controls="event-log-body"
          aria-label={open ? 'Collapse the event log' : 'Expand the event log'}
          onClick={onToggle}
        >
          <Icon icon={open ? ChevronsRight : ChevronsLeft} size={16} />
        </button>
        <h2 id="event-log-title" class="event-log__title">
          SDK events <span class="count">{entries.length}</span>
        </h2>
        {open && (
          <button
            type="button"
            class="icon-button"
            aria-label="Clear the event log"
            onClick={() => eventLogStore.dispatch({ type: 'clear' })}
          >
            <Icon icon={Trash2} size={16} />
          </button>
        )}
      </header>
      <div id="event-log-body" class="event-log__body" hidden={!open}>
        <label class="check check--small">
          <input type="checkbox" checked={hideResponses} onChange={(event) => setHideResponses(event.currentTarget.checked)} />
          Hide operation responses
        </label>
        {shown.length === 0 ? (
          <p class="muted">Events appear here as the SDK emits them.</p>
        ) : (
          <ol class="event-log__list">
            {shown.map((entry) => (
              <EventRow key={entry.seq} entry={entry} />
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}

/** The payload is rendered only while the row is open: the log holds hundreds of events. */
function EventRow({ entry }: { entry: LoggedEvent }) {
  const [open, setOpen] = useState(false);
  const summary = summarizeEvent(entry);
  return (
    <li class="event-log__entry">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <span class="event-log__time tabular">{formatClockTime(entry.at)}</span>
          <span class={`event-log__name event-log__name--${entry.name.endsWith('Resp') ? 'response' : 'event'}`}>{entry.name}</span>
          {summary && <span class="event-log__summary">{summary}</span>}
        </summary>
        {open && <pre class="code-block">{JSON.stringify(entry.payload, null, 2)}</pre>}
      </details>
    </li>
  );
}
