/** Ending sessions the server decides to end: a revoked key, a resume grace period that ran out. */
import { CloseCode, type ForcedLogoutReason } from '@agentsdk/protocol';
import { agentChannel } from '../ports/bus.js';
import type { SessionRecord } from '../ports/store.js';
import type { GatewayServices } from './operation-context.js';

export async function endSession(
  services: Pick<GatewayServices, 'agents' | 'store' | 'bus' | 'clock'>,
  record: SessionRecord,
  reason: ForcedLogoutReason,
): Promise<void> {
  const result = await services.agents.executeAndApply(record.tenantId, record.agentNo, {
    type: 'endSession',
    sessionId: record.sessionId,
    reason,
  });
  if (result.ok) return;
  // The agent already moved on to another session: only this session's own traces remain to clear.
  await services.store.sessions.end(record.sessionId, reason, services.clock.now());
  await services.bus.publish(agentChannel(record.tenantId, record.agentNo), {
    kind: 'endSession',
    sessionId: record.sessionId,
    closeCode: CloseCode.FORCED_LOGOUT,
    reason,
  });
}

export async function endSessionsOfKey(services: GatewayServices, keyHash: string): Promise<number> {
  const sessions = await services.store.sessions.listLiveByKeyHash(keyHash);
  for (const session of sessions) await endSession(services, session, 'sessionKeyRevoked');
  return sessions.length;
}
