/** The sign-in card's side panel: what this console is and which gateway and tenant it talks to. */
import { Check } from 'lucide';
import type { DemoDirectory } from '../api/demo-directory.js';
import { Icon } from '../ui/icon.js';

const FEATURES = [
  'Queue calls with screen pop',
  'Preview outbound and internal calls',
  'Hold, mute, keypad, transfer, IVR',
  'Live supervisor wallboard',
];

export function SignInIntro({ directory }: { directory: DemoDirectory | undefined }) {
  return (
    <aside class="sign-in__intro" aria-label="About this console">
      <p class="sign-in__eyebrow">Agent desktop</p>
      <p class="sign-in__headline">Every call, one calm screen.</p>
      <p class="sign-in__lede">Built on the public AgentSDK — the same script tag your CRM embeds.</p>
      <ul class="sign-in__features">
        {FEATURES.map((feature) => (
          <li key={feature}>
            <Icon icon={Check} size={16} />
            {feature}
          </li>
        ))}
      </ul>
      <dl class="sign-in__facts">
        <div>
          <dt>Gateway</dt>
          <dd>{window.location.host}</dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd>{directory ? `${directory.name} (${directory.tenantId})` : 'Your tenant'}</dd>
        </div>
      </dl>
    </aside>
  );
}
