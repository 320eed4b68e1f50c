/**
 * Live queue status for the wallboard: `getQueueStatus` on a timer (every 3 s while the gateway refuses it, as a
 * safety net once it answers) plus the `queueStatus` events the gateway pushes.
 */
import type { EventMap, QueueStatusMap } from '@agentsdk/sdk';
import { useEffect, useState } from 'preact/hooks';
import { usePolling } from '../hooks/use-polling.js';
import { agentSdk, describeThrown } from '../sdk/agent-sdk.js';
import { describeRefusal } from '../sdk/refusal-messages.js';

export type QueueStatusFeed =
  | { state: 'loading' }
  | { state: 'live'; map: QueueStatusMap; updatedAt: number }
  | { state: 'failed'; message: string; checkedAt: number };

const RETRY_MS = 3_000;
const REFRESH_MS = 15_000;
const ALL_SECTIONS = 'queueParams,agentStatuses,queueEntries';

export function useQueueStatus(): QueueStatusFeed {
  const [feed, setFeed] = useState<QueueStatusFeed>({ state: 'loading' });

  useEffect(() => {
    const sdk = agentSdk();
    // Responses to getQueueStatus arrive as this event too; refusals among them are handled by the poll.
    const onQueueStatus = (event: EventMap['queueStatus']) => {
      if ((event.code !== undefined && event.code !== 0) || event.queueStatus === undefined) return;
      const pushed = event.queueStatus;
      setFeed((current) => ({
        state: 'live',
        map: current.state === 'live' ? { ...current.map, ...pushed } : pushed,
        updatedAt: Date.now(),
      }));
    };
    sdk.on('queueStatus', onQueueStatus);
    return () => sdk.off('queueStatus', onQueueStatus);
  }, []);

  usePolling(
    async () => {
      try {
        const response = await agentSdk().getQueueStatus({ fields: ALL_SECTIONS });
        const checkedAt = Date.now();
        if (response.code === 0) setFeed({ state: 'live', map: response.queueStatus ?? {}, updatedAt: checkedAt });
        else setFeed({ state: 'failed', message: describeRefusal(response).text, checkedAt });
      } catch (error) {
        setFeed({ state: 'failed', message: describeThrown(error).text, checkedAt: Date.now() });
      }
    },
    feed.state === 'live' ? REFRESH_MS : RETRY_MS,
  );

  return feed;
}
