/**
 * The carrier simulator of the embedded gateway, beside any screen: customers calling queues, the live calls and
 * their legs (who hears whom), hang-up and key presses as the customer, and how numbers behave when rung.
 */
import { X } from 'lucide';
import type { BindEndpoint } from '@agentsdk/sdk';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { DemoDirectory } from '../api/demo-directory.js';
import { simulatorApi } from '../api/simulator-api.js';
import { Icon } from '../ui/icon.js';
import { LiveCalls } from './live-calls.js';
import { NumberBehaviourForm } from './number-behaviour-form.js';
import { PlaceCallForm } from './place-call-form.js';

interface SimulatorDrawerProps {
  directory: DemoDirectory;
  agentEndpoint: BindEndpoint | undefined;
  onClose: () => void;
}

export function SimulatorDrawer({ directory, agentEndpoint, onClose }: SimulatorDrawerProps) {
  const api = useMemo(() => simulatorApi({ tenantId: directory.tenantId, apiKey: directory.apiKey }), [directory]);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Focus moves into the drawer; when it closes, back to what opened it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    closeButton.current?.focus();
    return () => opener?.isConnected && opener.focus();
  }, []);
  return (
    <aside
      id="simulator-drawer"
      class="drawer"
      aria-labelledby="simulator-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !(event.target instanceof HTMLSelectElement)) onClose();
      }}
    >
      <header class="drawer__header">
        <div>
          <h2 id="simulator-title" class="drawer__title">
            Carrier simulator
          </h2>
          <p class="drawer__subtitle">Virtual customers and phones of the embedded gateway</p>
        </div>
        <button ref={closeButton} type="button" class="icon-button" aria-label="Close the simulator" onClick={onClose}>
          <Icon icon={X} />
        </button>
      </header>
      <div class="drawer__body">
        <PlaceCallForm api={api} directory={directory} />
        <LiveCalls api={api} directory={directory} />
        <NumberBehaviourForm api={api} defaultNumber={agentEndpoint?.endpointType === 1 ? agentEndpoint.endpoint : '13800138000'} />
      </div>
    </aside>
  );
}
