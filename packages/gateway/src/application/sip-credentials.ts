/**
 * Softphone SIP credentials: login hands the client a random password for its session; the session stores only HA1,
 * what the SIP edge's digest authentication checks. The digest username is the session id.
 */
import { createHash } from 'node:crypto';
import { EndpointType } from '@agentsdk/protocol';
import type { Store } from '../ports/store.js';
import type { AgentService } from './agent-service.js';
import type { LiveSessions } from './live-sessions.js';
import { newSecret } from './secrets.js';

export { SIP_REALM } from '../domain/secret-hash.js';
import { SIP_REALM } from '../domain/secret-hash.js';

export interface NewSipCredentials {
  password: string;
  ha1: string;
}

export function newSipCredentials(sessionId: string): NewSipCredentials {
  const password = newSecret(16);
  return { password, ha1: createHash('md5').update(`${sessionId}:${SIP_REALM}:${password}`).digest('hex') };
}

export interface SipSessionCredentials {
  sessionId: string;
  tenantId: string;
  endpoint: string;
  ha1: string;
}

/** Looks a digest username up: a live softphone session and the endpoint its agent is bound to. */
export function sipCredentialsLookup(store: Store, agents: AgentService, liveSessions: LiveSessions) {
  return async (sessionId: string): Promise<SipSessionCredentials | undefined> => {
    if (sessionId === '' || !liveSessions.has(sessionId)) return undefined;
    const record = await store.sessions.get(sessionId);
    if (!record || record.endedAt !== undefined || record.sipHa1 === undefined) return undefined;
    const agent = await agents.current(record.tenantId, record.agentNo);
    if (agent.sessionId !== sessionId || agent.bindEndpoint?.endpointType !== EndpointType.SOFTPHONE) return undefined;
    return { sessionId, tenantId: record.tenantId, endpoint: agent.bindEndpoint.endpoint, ha1: record.sipHa1 };
  };
}
