/**
 * Live outbound campaigns for the wallboard, from the gateway's `dialerTask` and `dialerNumberOutcome` events: each
 * task's progress as last told, the attempts seen lately for its pace, and a predictive task's abandon rate as the
 * gateway measures it. A task appears with its first event.
 */
import type { EventMap } from '@agentsdk/sdk';
import { useEffect, useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';

export interface CampaignRow {
  taskId: string;
  name: string;
  mode: EventMap['dialerTask']['mode'];
  paused: boolean;
  finished: boolean;
  progress: EventMap['dialerTask']['progress'];
  /** When each attempt that reached the telephony ended (this page's clock), newest last. */
  attemptsAt: number[];
  /** Predictive tasks: the abandon rate the gateway's pacing measured, as of the latest outcome. */
  measuredAbandonRate?: number;
}

/** Attempts kept per task for the pace: enough for a busy campaign's last few minutes. */
const ATTEMPTS_KEPT = 500;
const NOT_DIALLED = new Set(['doNotCall', 'skipped']);

export function useCampaigns(): CampaignRow[] {
  const [campaigns, setCampaigns] = useState<Record<string, CampaignRow>>({});

  useEffect(() => {
    const sdk = agentSdk();
    const onTask = (event: EventMap['dialerTask']) =>
      setCampaigns((current) => ({
        ...current,
        [event.taskId]: {
          taskId: event.taskId,
          name: event.name,
          mode: event.mode,
          paused: event.paused,
          finished: event.change === 'finished' || (event.progress.total > 0 && event.progress.remaining === 0),
          progress: event.progress,
          attemptsAt: current[event.taskId]?.attemptsAt ?? [],
          ...(current[event.taskId]?.measuredAbandonRate === undefined
            ? {}
            : { measuredAbandonRate: current[event.taskId]!.measuredAbandonRate }),
        },
      }));
    const onOutcome = (event: EventMap['dialerNumberOutcome']) =>
      setCampaigns((current) => {
        const row = current[event.taskId];
        if (!row || NOT_DIALLED.has(event.outcome)) return current;
        const attemptsAt = [...row.attemptsAt, Date.now()].slice(-ATTEMPTS_KEPT);
        const measured = event.abandonRate === undefined ? {} : { measuredAbandonRate: event.abandonRate };
        return { ...current, [event.taskId]: { ...row, attemptsAt, ...measured } };
      });
    sdk.on('dialerTask', onTask);
    sdk.on('dialerNumberOutcome', onOutcome);
    return () => {
      sdk.off('dialerTask', onTask);
      sdk.off('dialerNumberOutcome', onOutcome);
    };
  }, []);

  return Object.values(campaigns).sort((a, b) => a.name.localeCompare(b.name));
}
