/** The idle phone: dial a customer (preview outbound) or call a colleague (internal call). */
import { useState } from 'preact/hooks';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Panel } from '../ui/panel.js';
import { Tabs } from '../ui/tabs.js';
import { InternalCallForm } from './internal-call-form.js';
import { OutboundDialForm } from './outbound-dial-form.js';

type DialerTab = 'customer' | 'colleague';

export function Dialer({ session, disabled }: { session: SignedInSession; disabled: boolean }) {
  const [tab, setTab] = useState<DialerTab>('customer');
  return (
    <Panel title="Phone" class="dialer">
      <Tabs
        id="dialer"
        label="Call type"
        tabs={[
          { key: 'customer', label: 'Dial out' },
          { key: 'colleague', label: 'Colleague' },
        ]}
        selected={tab}
        onSelect={setTab}
      >
        {tab === 'customer' ? (
          <OutboundDialForm session={session} disabled={disabled} />
        ) : (
          <InternalCallForm session={session} disabled={disabled} />
        )}
      </Tabs>
    </Panel>
  );
}
