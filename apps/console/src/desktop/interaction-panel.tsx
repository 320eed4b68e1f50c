/**
 * The interaction: the screen pop of the call offered or in progress (caller, queue, type, channel variables, IVR
 * results), else the last call, else what the agent is waiting for.
 */
import { Headphones } from 'lucide';
import { queueName } from '../api/demo-directory.js';
import { outcomeLabel, outcomeTone } from '../format/call-labels.js';
import { formatClockTime, formatDuration } from '../format/durations.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import type { CallInfo } from '../state/call-info.js';
import type { DeskState, EndedCall } from '../state/desk-state.js';
import { Icon } from '../ui/icon.js';
import { Panel } from '../ui/panel.js';
import { callKind, partyName } from './call-party.js';
import { IvrResults } from './ivr-results.js';
import { VariablesTable } from './variables-table.js';

interface Fact {
  label: string;
  value: string;
  class?: string;
}

const ENDED_BY: Record<string, string> = { agent: 'You', customer: 'Caller', system: 'System' };
const ENDED_BY_SUPERVISOR: Record<string, string> = { supervisor: 'A supervisor', pickedUp: 'A supervisor (picked up)' };

function endedBy(ended: EndedCall): string {
  if (ended.reason !== undefined && ENDED_BY_SUPERVISOR[ended.reason]) return ENDED_BY_SUPERVISOR[ended.reason]!;
  return ended.side === undefined ? '—' : (ENDED_BY[ended.side] ?? ended.side);
}

function commonFacts(info: CallInfo, session: SignedInSession): Fact[] {
  const name = partyName(info, session.directory, session.agentNo);
  const facts: Fact[] = [{ label: 'Contact', value: name, class: 'facts__wide facts__headline' }];
  facts.push({ label: 'Call type', value: callKind(info, session.directory) });
  facts.push({
    label: 'Queue',
    value: info.queueNo === undefined ? '—' : `${queueName(session.directory, info.queueNo) ?? 'Queue'} (${info.queueNo})`,
  });
  if (info.customerNumber !== undefined && info.customerNumber !== name) facts.push({ label: 'Number', value: info.customerNumber });
  return facts;
}

function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl class="facts">
      {facts.map((fact) => (
        <div key={fact.label} class={fact.class?.includes('facts__wide') ? 'facts__wide' : undefined}>
          <dt>{fact.label}</dt>
          <dd class={fact.class?.replace('facts__wide', '').trim() || undefined} title={fact.value}>
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function InteractionPanel({ desk, session }: { desk: DeskState; session: SignedInSession }) {
  const live = desk.call ?? desk.offer;
  if (live) {
    const answeredAt = desk.call?.talkingSince;
    const facts = [
      ...commonFacts(live, session),
      { label: 'Answered', value: answeredAt === undefined ? '—' : formatClockTime(answeredAt) },
      { label: 'Call ID', value: live.callId, class: 'facts__wide mono facts__id' },
    ];
    return (
      <Panel title="Call details" titleId="interaction-title" class="interaction">
        <FactList facts={facts} />
        <h3 class="section-title">Channel variables</h3>
        <VariablesTable variables={live.chanVariables} empty="No channel variables on this call." />
        {desk.call && desk.call.ivrResults.length > 0 && <IvrResults results={desk.call.ivrResults} />}
      </Panel>
    );
  }
  if (desk.lastEnded) return <LastCallPanel ended={desk.lastEnded} session={session} />;
  return <WaitingPanel desk={desk} session={session} />;
}

function LastCallPanel({ ended, session }: { ended: EndedCall; session: SignedInSession }) {
  const facts = [
    ...commonFacts(ended, session),
    { label: 'Answered', value: ended.answeredAt === undefined ? '—' : formatClockTime(ended.answeredAt) },
    { label: 'Ended', value: formatClockTime(ended.endedAt) },
    { label: 'Talk time', value: ended.talkedMs === undefined ? '—' : formatDuration(ended.talkedMs) },
    { label: 'Ended by', value: endedBy(ended) },
    { label: 'Call ID', value: ended.callId, class: 'facts__wide mono facts__id' },
  ];
  return (
    <Panel
      title="Last call"
      titleId="interaction-title"
      class="interaction"
      actions={<span class={`chip chip--${outcomeTone(ended.outcome)}`}>{outcomeLabel(ended.outcome)}</span>}
    >
      <FactList facts={facts} />
      {ended.chanVariables.length > 0 && <VariablesTable variables={ended.chanVariables} empty="" />}
    </Panel>
  );
}

function WaitingPanel({ desk, session }: { desk: DeskState; session: SignedInSession }) {
  const myQueues = session.directory?.agents.find((agent) => agent.agentNo === session.agentNo)?.queues ?? [];
  return (
    <Panel title="Interaction" titleId="interaction-title" class="interaction">
      <div class="empty-state">
        <span class="empty-state__icon" aria-hidden="true">
          <Icon icon={Headphones} size={28} />
        </span>
        <p class="empty-state__title">{desk.agent?.state === 'idle' ? 'Ready for the next call' : 'No call right now'}</p>
        <p class="empty-state__text">
          {desk.agent?.state === 'busy'
            ? 'You are busy: queue calls are not offered to you. Set yourself Available to take calls.'
            : 'Queue calls are offered to you automatically; their details appear here.'}
        </p>
        {myQueues.length > 0 && (
          <ul class="chips chips--center" aria-label="Your queues">
            {myQueues.map((queueNo) => (
              <li key={queueNo} class="chip chip--neutral">
                {queueName(session.directory, queueNo) ?? `Queue ${queueNo}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}
