/**
 * Hooks on `getState()` / `subscribe()` through `useSyncExternalStore`: a component re-renders when the part of the
 * snapshot it selects changes (snapshots are immutable, so unchanged parts keep their identity).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { AgentSdkState, CallView, QueueStatusEntry, QueueStatusMap } from '@agentsdk/sdk';
import { useAgentSDK } from './agent-sdk-context.js';

/** The whole snapshot, or the part `select` picks (select must return a part of the snapshot, not a new object). */
export function useAgentState(): AgentSdkState;
export function useAgentState<T>(select: (state: AgentSdkState) => T): T;
export function useAgentState<T>(select?: (state: AgentSdkState) => T): T | AgentSdkState {
  const client = useAgentSDK();
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  const snapshot = useCallback(() => (select ? select(client.getState()) : client.getState()), [client, select]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/** The agent's current call (with its legs and consultation), or undefined. */
export function useCall(): CallView | undefined {
  return useAgentState(selectCall);
}

/** Supervisors: every watched queue's latest status, or one queue's. */
export function useQueueStatus(): QueueStatusMap | undefined;
export function useQueueStatus(queueNo: string): QueueStatusEntry | undefined;
export function useQueueStatus(queueNo?: string): QueueStatusMap | QueueStatusEntry | undefined {
  const select = useCallback(
    (state: AgentSdkState) => (queueNo === undefined ? state.queueStatus : state.queueStatus?.[queueNo]),
    [queueNo],
  );
  return useAgentState(select);
}

const selectCall = (state: AgentSdkState) => state.call;
