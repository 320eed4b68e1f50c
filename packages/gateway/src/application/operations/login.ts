/** login (spec 3.1): checks the key, the agent and its endpoint, then opens a session. */
import { randomUUID } from 'node:crypto';
import { EndpointType, LoginStatus, type ValidatedParams } from '@agentsdk/protocol';
import { findAgent, findPauseReason, qidOf, wrapupSecondsOf, type TenantAgent, type TenantConfig } from '../../domain/tenant.js';
import { failed, succeeded, type OperationContext, type Outcome } from '../operation-context.js';
import { newSipCredentials, type NewSipCredentials } from '../sip-credentials.js';
import { endpointRefusal } from './endpoint-check.js';

type LoginParams = ValidatedParams<'login'>;

export async function login(ctx: OperationContext, params: LoginParams): Promise<Outcome> {
  const { services, connection } = ctx;
  if (connection.session) return failed('INVALID_STATE', 'already logged in on this connection: logout first');

  const key = await services.sessionKeys.check(params.sessionKey, params.tenantId, params.agentNo);
  if (!key.ok) return failed(key.error, key.message);
  const tenant = services.tenants.get(params.tenantId);
  if (!tenant) return failed('NO_SUCH_TENANT', `no such tenant: ${params.tenantId}`);
  const agent = findAgent(tenant, params.agentNo);
  if (!agent) return failed('NO_SUCH_AGENT', 'no such agent');

  const refusal = endpointRefusal(tenant, params.bindEndpoint);
  if (refusal) return refusal;
  const qids = watchedQueues(tenant, agent, params.qids);
  if (!Array.isArray(qids)) return qids;

  let pause: { pauseType: number; pauseDescription: string } | undefined;
  if (params.initialStatus === LoginStatus.BUSY) {
    const reason = findPauseReason(tenant, params.pauseDescription ?? '');
    if (!reason)
      return failed('UNKNOWN_PAUSE_REASON', `pauseDescription ${params.pauseDescription ?? ''} is not a pause reason of the tenant`);
    pause = { pauseType: reason.pauseType, pauseDescription: reason.description };
  }

  const bindEndpoint = { ...params.bindEndpoint };
  if (bindEndpoint.endpointType === EndpointType.SOFTPHONE && bindEndpoint.endpoint === '') bindEndpoint.endpoint = agent.agentNo;

  const sessionId = randomUUID();
  const result = await services.agents.execute(tenant.tenantId, agent.agentNo, {
    type: 'login',
    sessionId,
    socketOwnerId: services.ownerId,
    bindEndpoint,
    initialStatus: params.initialStatus,
    pause,
    wrapupSeconds: wrapupSecondsOf(tenant, agent),
    workMode: params.workMode,
    qids: qids.length > 0 ? qids : undefined,
  });
  if (!result.ok) return failed(result.error, result.message);

  const session = { sessionId, tenantId: tenant.tenantId, agentNo: agent.agentNo };
  const sip = bindEndpoint.endpointType === EndpointType.SOFTPHONE ? newSipCredentials(sessionId) : undefined;
  const record = { ...session, keyHash: key.record.keyHash, createdAt: services.clock.now(), ...(sip ? { sipHa1: sip.ha1 } : {}) };
  await services.store.sessions.insert(record);
  await services.liveSessions.open(record);
  connection.session = session;

  return succeeded({
    fields: { tenantId: tenant.tenantId, agentNo: agent.agentNo, bindEndpoint, sessionId, ...softphoneFields(ctx, tenant, sip) },
    after: async () => {
      services.liveSessions.attach(sessionId, connection.socket, 0);
      await services.agents.applyEffects(result.record, result.effects);
      if (result.record.callId !== undefined) await services.calls.showCallTo(result.record.callId, agent.agentNo, sessionId);
    },
  });
}

/** Supervisors watch the queues named in `qids` (default: all their queues); agents may not pass `qids`. */
function watchedQueues(tenant: TenantConfig, agent: TenantAgent, qidsParam: string | undefined): string[] | Outcome {
  const own = agent.queues.map((queueNo) => qidOf(tenant.tenantId, queueNo));
  if (agent.role !== 'supervisor') {
    return qidsParam === undefined ? [] : failed('PERMISSION_DENIED', 'permission denied: qids is for supervisors only');
  }
  if (qidsParam === undefined) return own;
  const requested = qidsParam.split(',');
  const foreign = requested.find((qid) => !own.includes(qid));
  if (foreign) return failed('PERMISSION_DENIED', `permission denied: queue ${foreign} is not supervised by agent ${agent.agentNo}`);
  return requested;
}

/** The softphone's SIP password is its session's; the SIP edge checks it against the HA1 stored with the session. */
function softphoneFields(ctx: OperationContext, tenant: TenantConfig, sip: NewSipCredentials | undefined): Record<string, string> {
  if (!sip) return {};
  const { host, secure } = ctx.connection;
  return {
    webrtcSocketUrl: `${secure ? 'wss' : 'ws'}://${host}/sip`,
    webrtcStunServer: tenant.webrtc.stunServer,
    sipPwd: sip.password,
    sipIp: host.replace(/:\d+$/, ''),
  };
}
