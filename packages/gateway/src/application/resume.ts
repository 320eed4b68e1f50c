/** The protocol action `resume`: re-attaches a new socket to a live session after a reconnect (docs/protocol.md). */
import * as v from 'valibot';
import { EventType } from '@agentsdk/protocol';
import { toAgentStatus } from '../domain/agent.js';
import { failed, succeeded, type Connection, type GatewayServices, type Outcome } from './operation-context.js';
import { hashSecret } from '../domain/secret-hash.js';
import { secretsEqual } from './secrets.js';

/** How long the node that held the socket may take to show it is alive. */
const HOLDER_PING_TIMEOUT_MS = 1_000;

/**
 * Whether the node that held the session's socket kept its events: true for this node, no node, or one that answers.
 * A node that died before the others noticed (its lease has not lapsed yet) logged nothing since: the client resyncs.
 */
async function holderKeptEvents(services: GatewayServices, holderId: string | undefined): Promise<boolean> {
  if (holderId === undefined || holderId === services.ownerId) return true;
  return services.bus.request(holderId, { kind: 'ping' }, HOLDER_PING_TIMEOUT_MS).then(
    () => true,
    () => false,
  );
}

const ResumeParamsSchema = v.strictObject({
  sessionId: v.pipe(v.string(), v.nonEmpty(), v.maxLength(64)),
  sessionKey: v.pipe(v.string(), v.nonEmpty(), v.maxLength(256)),
  lastSeq: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export async function resume(services: GatewayServices, connection: Connection, params: unknown): Promise<Outcome> {
  const parsed = v.safeParse(ResumeParamsSchema, params);
  if (!parsed.success) return failed('BAD_PARAM', 'resume needs sessionId, sessionKey and lastSeq');
  const { sessionId, sessionKey, lastSeq } = parsed.output;
  if (connection.session) return failed('INVALID_STATE', 'already logged in on this connection');

  const record = await services.store.sessions.get(sessionId);
  if (!record || record.endedAt !== undefined) return failed('SESSION_ENDED', 'session ended');
  if (!secretsEqual(hashSecret(sessionKey), record.keyHash)) return failed('SESSION_KEY_INVALID', 'invalid session key');
  const key = await services.sessionKeys.check(sessionKey, record.tenantId, record.agentNo);
  if (!key.ok) return failed(key.error, key.message);
  const agent = await services.agents.current(record.tenantId, record.agentNo);
  if (agent.sessionId !== sessionId) return failed('SESSION_ENDED', 'session ended');

  const eventsLost = agent.eventsLost === true || !(await holderKeptEvents(services, agent.socketOwnerId));
  await services.liveSessions.open(record);
  const attached = services.liveSessions.attach(sessionId, connection.socket, lastSeq, eventsLost);
  if (!attached) return failed('SESSION_ENDED', 'session ended');
  connection.session = { sessionId, tenantId: record.tenantId, agentNo: record.agentNo };
  const reattached = await services.agents.executeAndApply(record.tenantId, record.agentNo, {
    type: 'socketAttached',
    sessionId,
    socketOwnerId: services.ownerId,
  });
  // Read after attaching: the snapshot is at least as new as every replayed event.
  const current = reattached.ok ? reattached.record : await services.agents.current(record.tenantId, record.agentNo);
  const agentStatus = { eventType: EventType.AGENT_STATUS, ...toAgentStatus(current) };
  if (!attached.resync) return succeeded({ fields: { sessionId, agentStatus } });
  // Events may be missing: the snapshot is the truth, and a call in progress is shown again as on a sign-in.
  return succeeded({
    fields: { sessionId, agentStatus, resync: true },
    after: async () => {
      if (current.callId !== undefined) await services.calls.showCallTo(current.callId, record.agentNo, sessionId);
    },
  });
}
