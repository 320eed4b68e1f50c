/**
 * The agent's recent calls from the call-record API (every call it handled, also those it transferred or was
 * consulted on), with the outcome it gave each and its recording to play, refreshed after each call ends.
 */
import { CallType, type CallRecordView } from '@agentsdk/protocol';
import { PhoneIncoming, PhoneOutgoing, Play, RefreshCw } from 'lucide';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { fetchRecentCalls } from '../api/call-records.js';
import { agentName, queueName } from '../api/demo-directory.js';
import { callTypeLabel, isOutgoing, outcomeLabel, outcomeTone } from '../format/call-labels.js';
import { formatDayAndTime, formatDuration } from '../format/durations.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Icon } from '../ui/icon.js';
import { Panel } from '../ui/panel.js';
import { RecordingPlayer, type RecordingChoice } from './recording-player.js';

type Load = { state: 'loading' } | { state: 'loaded'; records: CallRecordView[] } | { state: 'failed'; message: string };

/** The record may be written a moment after the agent sees the call end. */
const SECOND_LOOK_MS = 1500;

export function RecentCallsPanel({ session, endedCount }: { session: SignedInSession; endedCount: number }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [playing, setPlaying] = useState<RecordingChoice>();
  const access = session.apiAccess;

  const refresh = useCallback(async () => {
    if (!access) return;
    try {
      setLoad({ state: 'loaded', records: await fetchRecentCalls(access, session.agentNo) });
    } catch (error) {
      setLoad({ state: 'failed', message: describeThrown(error).text });
    }
  }, [access, session.agentNo]);

  useEffect(() => {
    void refresh();
    if (endedCount === 0) return;
    const timer = setTimeout(() => void refresh(), SECOND_LOOK_MS);
    return () => clearTimeout(timer);
  }, [refresh, endedCount]);

  return (
    <Panel
      title="Recent calls"
      titleId="recent-calls-title"
      class="recent-calls"
      actions={
        access && (
          <button type="button" class="icon-button" aria-label="Refresh recent calls" onClick={() => void refresh()}>
            <Icon icon={RefreshCw} size={16} />
          </button>
        )
      }
    >
      {access && playing && <RecordingPlayer access={access} choice={playing} onClose={() => setPlaying(undefined)} />}
      {!access ? (
        <p class="muted">Call history needs the tenant's call-record API, available in the embedded demo.</p>
      ) : load.state === 'loading' ? (
        <p class="muted">Loading…</p>
      ) : load.state === 'failed' ? (
        <p class="callout callout--error">Could not load recent calls: {load.message}</p>
      ) : load.records.length === 0 ? (
        <p class="muted">No calls yet. Calls you take or place appear here.</p>
      ) : (
        <div class="table-scroll">
          <table class="table table--cards" aria-labelledby="recent-calls-title">
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Type</th>
                <th scope="col">Queue</th>
                <th scope="col">When</th>
                <th scope="col" class="table__number">
                  Talk
                </th>
                <th scope="col">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {load.records.map((record) => (
                <RecentCallRow key={record.callId} record={record} session={session} onPlay={setPlaying} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function RecentCallRow({
  record,
  session,
  onPlay,
}: {
  record: CallRecordView;
  session: SignedInSession;
  onPlay: (choice: RecordingChoice) => void;
}) {
  const outgoing = isOutgoing(record.callType, record.agentNo === session.agentNo);
  const colleague =
    record.callType === CallType.INTERNAL ? (record.agentNo === session.agentNo ? record.calleeAgentNo : record.agentNo) : undefined;
  const contact = colleague ? (agentName(session.directory, colleague) ?? `Agent ${colleague}`) : record.customerNumber;
  const disposition = record.dispositions?.find((candidate) => candidate.agentNo === session.agentNo) ?? record.dispositions?.[0];
  const dispositionLabel =
    disposition && (session.directory?.dispositions?.find((candidate) => candidate.code === disposition.code)?.label ?? disposition.code);
  return (
    <tr>
      <td class="table__wide">
        <span class="contact">
          <span class={outgoing ? 'contact__icon contact__icon--out' : 'contact__icon'}>
            <Icon icon={outgoing ? PhoneOutgoing : PhoneIncoming} size={14} label={outgoing ? 'Outgoing' : 'Incoming'} />
          </span>
          <span class="tabular">{contact}</span>
        </span>
      </td>
      <td data-label="Type">{callTypeLabel(record.callType)}</td>
      <td data-label="Queue">{record.queueNo === undefined ? '—' : (queueName(session.directory, record.queueNo) ?? record.queueNo)}</td>
      <td data-label="When">{formatDayAndTime(record.endedAt ?? record.createdAt)}</td>
      <td class="table__number" data-label="Talk">
        {formatDuration(record.talkSeconds * 1000)}
      </td>
      <td>
        <span class={`chip chip--${outcomeTone(record.outcome)}`}>{outcomeLabel(record.outcome)}</span>
        {dispositionLabel && (
          <span class="recent-calls__disposition" title={disposition?.notes}>
            {dispositionLabel}
          </span>
        )}
        {record.recordingUrl && (
          <button
            type="button"
            class="icon-button icon-button--small recent-calls__play"
            aria-label={`Play the recording of the call with ${contact}`}
            title="Play the recording"
            onClick={() =>
              onPlay({
                recordingUrl: record.recordingUrl!,
                label: `the call with ${contact} · ${formatDayAndTime(record.endedAt ?? record.createdAt)}`,
              })
            }
          >
            <Icon icon={Play} size={14} />
          </button>
        )}
      </td>
    </tr>
  );
}
