/**
 * A supervisor's actions on one agent (spec 7): listen (spy), whisper, barge, three-way, pick up a ringing call,
 * disconnect the call; and in the Manage menu force busy/available (setPause/setUnpause) and sign in/out. Disconnect
 * and sign-out ask for confirmation first.
 */
import { Ear, Hand, Megaphone, PhoneIncoming, PhoneOff, UsersRound } from 'lucide';
import type { IconNode } from 'lucide';
import { useState } from 'preact/hooks';
import type { SdkResponse } from '@agentsdk/sdk';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { deskStore, type MonitorMode } from '../state/desk-state.js';
import { ConfirmDialog } from '../ui/confirm-dialog.js';
import { Icon } from '../ui/icon.js';
import { Menu } from '../ui/menu.js';
import { ForceOnlineDialog } from './force-online-dialog.js';
import type { AgentRow } from './wallboard-model.js';

interface ActionButtonProps {
  icon: IconNode;
  label: string;
  disabled?: boolean;
  onClick: () => void;
}

function ActionButton({ icon, label, disabled = false, onClick }: ActionButtonProps) {
  return (
    <button type="button" class="icon-button icon-button--outlined" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      <Icon icon={icon} size={16} />
    </button>
  );
}

export function AgentActions({ agent }: { agent: AgentRow }) {
  const [forceOnline, setForceOnline] = useState(false);
  const [confirming, setConfirming] = useState<'disconnect' | 'signOut' | undefined>();
  const state = agent.status?.state;
  // Without live data the gateway decides; with it, offer only what fits the agent's state.
  const onCall = state === undefined || state === 'talking';
  const ringing = state === undefined || state === 'ringing';
  const who = `${agent.name} (${agent.agentNo})`;
  const target = { agentNo: agent.agentNo };

  const monitor = async (mode: MonitorMode, label: string, operation: () => Promise<SdkResponse>) => {
    const response = await runOperation(label, operation);
    if (response) deskStore.dispatch({ type: 'monitorStarted', mode, agentNo: agent.agentNo, at: Date.now() });
  };
  const once = (label: string, operation: () => Promise<SdkResponse>, success: string) => void runOperation(label, operation, { success });

  return (
    <div class="row-actions">
      <ActionButton
        icon={Ear}
        label={`Listen to ${who}`}
        disabled={!onCall}
        onClick={() => void monitor('spy', 'Listen', () => agentSdk().spy(target))}
      />
      <ActionButton
        icon={Megaphone}
        label={`Whisper to ${who}`}
        disabled={!onCall}
        onClick={() => void monitor('whisper', 'Whisper', () => agentSdk().whisper(target))}
      />
      <ActionButton
        icon={Hand}
        label={`Barge in on ${who}`}
        disabled={!onCall}
        onClick={() => void monitor('barge', 'Barge', () => agentSdk().barge(target))}
      />
      <ActionButton
        icon={UsersRound}
        label={`Three-way with ${who}`}
        disabled={!onCall}
        onClick={() => void monitor('threeway', 'Three-way', () => agentSdk().performThreeway(target))}
      />
      <ActionButton
        icon={PhoneIncoming}
        label={`Pick up the call ringing for ${who}`}
        disabled={!ringing}
        onClick={() => once('Pick up', () => agentSdk().pickup(target), `You picked up ${agent.name}'s call`)}
      />
      <ActionButton icon={PhoneOff} label={`Disconnect ${who}'s call`} disabled={!onCall} onClick={() => setConfirming('disconnect')} />
      <Menu
        label="Manage"
        ariaLabel={`Manage ${who}`}
        items={[
          { label: 'Force busy', onSelect: () => once('Force busy', () => agentSdk().setPause(target), `${agent.name} is now busy`) },
          {
            label: 'Force available',
            onSelect: () => once('Force available', () => agentSdk().setUnpause(target), `${agent.name} is now available`),
          },
          { label: 'Sign in agent…', onSelect: () => setForceOnline(true) },
          { label: 'Sign out agent…', tone: 'danger', onSelect: () => setConfirming('signOut') },
        ]}
      />
      <ForceOnlineDialog open={forceOnline} agent={agent} onClose={() => setForceOnline(false)} />
      <ConfirmDialog
        open={confirming === 'disconnect'}
        title={`Disconnect ${agent.name}'s call?`}
        description="The caller and the agent are both cut off now. The agent is told a supervisor ended the call."
        confirmLabel="Disconnect call"
        onConfirm={() => once('Disconnect', () => agentSdk().disconnect(target), `${agent.name}'s call was disconnected`)}
        onClose={() => setConfirming(undefined)}
      />
      <ConfirmDialog
        open={confirming === 'signOut'}
        title={`Sign out ${agent.name}?`}
        description="The agent's desktop is signed out at once and gets no more calls. The agent is told a supervisor did it."
        confirmLabel="Sign out agent"
        onConfirm={() => once('Sign out agent', () => agentSdk().setOffline({ agentNo: agent.agentNo }), `${agent.name} was signed out`)}
        onClose={() => setConfirming(undefined)}
      />
    </div>
  );
}
