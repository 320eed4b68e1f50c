/** One simulated call: its legs (state, hold, mute, who hears whom), Hang up and Press keys as the customer. */
import { Headset, User } from 'lucide';
import { useState } from 'preact/hooks';
import type { DemoDirectory } from '../api/demo-directory.js';
import type { SimulatedCall, SimulatedLeg, SimulatorApi } from '../api/simulator-api.js';
import { defaultPstnNumber } from '../format/endpoints.js';
import { describeThrown } from '../sdk/agent-sdk.js';
import { showToast } from '../state/toasts.js';
import { Icon } from '../ui/icon.js';

interface LiveCallCardProps {
  call: SimulatedCall;
  api: SimulatorApi;
  directory: DemoDirectory;
}

function legName(leg: SimulatedLeg, directory: DemoDirectory): string {
  if (leg.party === 'customer') return `Customer ${leg.number}`;
  const agent = directory.agents.find((candidate) => defaultPstnNumber(candidate.agentNo) === leg.number);
  return agent ? `${agent.name}'s phone` : `Agent phone ${leg.number}`;
}

function legState(leg: SimulatedLeg): string {
  if (leg.state === 'ended') return leg.endCause ? `ended · ${leg.endCause}` : 'ended';
  return leg.state;
}

export function LiveCallCard({ call, api, directory }: LiveCallCardProps) {
  const [keysOpen, setKeysOpen] = useState(false);
  const [digits, setDigits] = useState('');
  const names = new Map(call.legs.map((leg) => [leg.legId, legName(leg, directory)]));
  const customer = call.legs.find((leg) => leg.party === 'customer');
  const label = customer ? `call from ${customer.number}` : `call ${call.callId.slice(0, 8)}`;

  const act = async (what: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      showToast('error', `${what} failed`, describeThrown(error).text, describeThrown(error).details);
    }
  };
  const press = (event: Event) => {
    event.preventDefault();
    void act('Press keys', async () => {
      await api.pressKeys(call.callId, digits.trim());
      showToast('info', `Customer pressed ${digits.trim()}`);
      setDigits('');
      setKeysOpen(false);
    });
  };

  return (
    <li class="live-call">
      <header class="live-call__header">
        <span class="live-call__id mono" title={call.callId}>
          {call.callId.slice(0, 8)}
        </span>
        <div class="live-call__actions">
          <button
            type="button"
            class="button button--small button--secondary"
            aria-expanded={keysOpen}
            aria-label={`Press keys on ${label}`}
            onClick={() => setKeysOpen((open) => !open)}
          >
            Press keys
          </button>
          <button
            type="button"
            class="button button--small button--danger"
            aria-label={`Hang up ${label}`}
            onClick={() => void act('Hang up', () => api.hangup(call.callId))}
          >
            Hang up
          </button>
        </div>
      </header>
      {keysOpen && (
        <form class="live-call__keys" onSubmit={press}>
          <label class="visually-hidden" for={`keys-${call.callId}`}>
            Keys the customer presses
          </label>
          <input
            id={`keys-${call.callId}`}
            class="input input--mono"
            placeholder="e.g. 12#"
            value={digits}
            onInput={(event) => setDigits(event.currentTarget.value)}
          />
          <button type="submit" class="button button--small button--primary" disabled={digits.trim() === ''}>
            Send
          </button>
        </form>
      )}
      <ul class="legs">
        {call.legs.map((leg) => (
          <li key={leg.legId} class={`leg leg--${leg.state}`}>
            <span class="leg__icon" aria-hidden="true">
              <Icon icon={leg.party === 'customer' ? User : Headset} size={16} />
            </span>
            <div class="leg__text">
              <p class="leg__name">
                {names.get(leg.legId)} <span class={`leg__state leg__state--${leg.state}`}>{legState(leg)}</span>
              </p>
              <p class="leg__detail">
                {leg.hearsMusic
                  ? 'Hears hold music'
                  : leg.hears.length > 0
                    ? `Hears ${leg.hears.map((id) => names.get(id) ?? id).join(', ')}`
                    : leg.state === 'answered'
                      ? 'Hears nobody'
                      : ''}
                {leg.held && ' · on hold'}
                {leg.muted.in && ' · muted in'}
                {leg.muted.out && ' · muted out'}
                {leg.digitsReceived && ` · keys received ${leg.digitsReceived}`}
                {leg.prompts.length > 0 && ` · last prompt “${leg.prompts[leg.prompts.length - 1]}”`}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </li>
  );
}
