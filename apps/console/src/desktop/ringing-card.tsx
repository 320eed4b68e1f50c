/** While the agent's phone rings: where to pick up. The banner above carries the caller and Reject. */
import { EndpointType } from '@agentsdk/protocol';
import { BellRing } from 'lucide';
import { describeEndpoint } from '../format/endpoints.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Icon } from '../ui/icon.js';
import { Panel } from '../ui/panel.js';

export function RingingCard({ session }: { session: SignedInSession }) {
  return (
    <Panel title="Phone">
      <div class="empty-state empty-state--ringing">
        <span class="empty-state__icon empty-state__icon--pulse" aria-hidden="true">
          <Icon icon={BellRing} size={28} />
        </span>
        <p class="empty-state__title">Your phone is ringing</p>
        <p class="empty-state__text">
          {session.bindEndpoint.endpointType === EndpointType.SOFTPHONE
            ? 'Answer in the banner above.'
            : `Answer on ${describeEndpoint(session.bindEndpoint)}.`}
        </p>
      </div>
    </Panel>
  );
}
