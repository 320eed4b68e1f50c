/**
 * Turns a request frame into its response: answers a repeated request id from the session's response cache, takes
 * a token from the rate limit, finds the operation's row, validates the parameters with the shared schema, checks
 * the permission (and a supervisor's scope), runs the handler, and sends the response before the events that follow it.
 */
import {
  BusinessErrors,
  SESSION_ACTIONS,
  isOperationName,
  responseActionOf,
  validateParams,
  type OperationName,
  type RequestFrame,
  type ResponseFrame,
} from '@agentsdk/protocol';
import { findAgent } from '../domain/tenant.js';
import type { Logger } from '../ports/logger.js';
import { OPERATION_TABLE, type OperationRow } from './operation-table.js';
import { failed, type Connection, type GatewayServices, type Outcome, type SignedInContext } from './operation-context.js';
import type { RateLimiter } from './rate-limiter.js';
import type { SharedRateLimiter } from './shared-rate-limiter.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';
import { resume } from './resume.js';
import { supervisorContext, watchedAgent } from './supervisor-scope.js';

export interface OperationMetrics {
  operationCompleted(action: string, code: 0 | -1, seconds: number): void;
  /** A request id the session had already used was answered from the response cache. */
  requestRepeated(): void;
  rateLimited(scope: 'session' | 'tenantApi' | 'telemetry' | 'signIn'): void;
}

/** The token buckets the dispatcher draws from. */
export interface RequestLimiters {
  /** Requests of one session (or, before login, of one connection). */
  requests: RateLimiter<unknown>;
  /** `login` and `resume` attempts by client address, counted by every node. */
  signInsPerAddress: SharedRateLimiter;
  /** `login` attempts by `tenantId/agentNo`, counted by every node. */
  signInsPerAgent: SharedRateLimiter;
}

export class Dispatcher {
  /**
   * `operationLog` writes the `operation` line (requestId, sessionId, action, code, errorCode, ms; parameters only at
   * debug): fixed fields, never secret, so it may skip redaction.
   */
  constructor(
    private readonly services: GatewayServices,
    private readonly logger: Logger,
    private readonly operationLog: Logger,
    private readonly metrics: OperationMetrics,
    private readonly limiters: RequestLimiters,
  ) {}

  async dispatch(connection: Connection, frame: RequestFrame): Promise<void> {
    const sessionId = connection.session?.sessionId;
    const requestId = `${sessionId ?? '-'}:${frame.id}`;
    const responses = this.responseCacheFor(connection, frame);
    const earlier = responses?.get(frame.id);
    if (earlier) return this.answerRepeat(connection, frame, earlier, requestId);

    let settleCached: (response: ResponseFrame) => void = () => {};
    responses?.remember(frame.id, frame.action, new Promise((resolve) => (settleCached = resolve)));
    const started = performance.now();
    this.logger.debug({ requestId, sessionId, action: frame.action, params: frame.params }, 'request');
    let outcome: Outcome;
    try {
      outcome = await this.outcomeOf(connection, frame);
    } catch (error) {
      this.logger.error({ err: error, requestId, sessionId, action: frame.action }, 'operation failed');
      outcome = failed('SYSTEM_EXCEPTION');
    }
    const response = toResponse(frame.id, responseActionFor(frame.action), outcome);
    settleCached(response);
    connection.socket.send(response);
    const ms = performance.now() - started;
    const known = isOperationName(frame.action) || frame.action === SESSION_ACTIONS.resume;
    this.metrics.operationCompleted(known ? frame.action : 'unknown', response.code, ms / 1000);
    // Refusals at info, successes at debug: the hot path writes no log line at the default level (metrics count both).
    this.operationLog[response.code === 0 ? 'debug' : 'info'](
      {
        requestId,
        sessionId: sessionId ?? connection.session?.sessionId,
        action: frame.action,
        code: response.code,
        errorCode: response.errorCode,
        ms: Math.round(ms),
      },
      'operation',
    );
    if (outcome.ok && outcome.after) {
      await outcome
        .after()
        .catch((error: unknown) => this.logger.error({ err: error, requestId, action: frame.action }, 'applying effects failed'));
    }
  }

  /** The first run's response (awaited if it is still running); the same id for another action is refused. */
  private async answerRepeat(connection: Connection, frame: RequestFrame, earlier: CachedResponse, requestId: string): Promise<void> {
    this.metrics.requestRepeated();
    this.logger.info(
      { requestId, sessionId: connection.session?.sessionId, action: frame.action },
      'repeated request answered from the response cache',
    );
    const response =
      earlier.action === frame.action
        ? await earlier.response
        : toResponse(
            frame.id,
            responseActionFor(frame.action),
            failed('BAD_PARAM', `bad param: request id ${frame.id} was already used by ${earlier.action}`),
          );
    connection.socket.send(response);
  }

  /** Operations of a live session are answered once per request id; `login` and `resume` are not (no session yet). */
  private responseCacheFor(connection: Connection, frame: RequestFrame): ResponseCache | undefined {
    const sessionId = connection.session?.sessionId;
    if (sessionId === undefined || frame.action === 'login' || frame.action === SESSION_ACTIONS.resume) return undefined;
    return this.services.liveSessions.responsesOf(sessionId);
  }

  private async outcomeOf(connection: Connection, frame: RequestFrame): Promise<Outcome> {
    const { requests } = this.limiters;
    if (!requests.take(connection.session?.sessionId ?? connection)) {
      this.metrics.rateLimited('session');
      return failed(
        'RATE_LIMITED',
        `rate limited: at most ${requests.limit.perSecond} requests a second (bursts of ${requests.limit.burst}) per session`,
      );
    }
    const signInRefusal = await this.signInRefusal(connection, frame);
    if (signInRefusal) return signInRefusal;
    if (frame.action === SESSION_ACTIONS.resume) return resume(this.services, connection, frame.params);
    return this.run(connection, frame);
  }

  /** Sign-in attempts are limited per client address and per agent, whatever connection they come on. */
  private async signInRefusal(connection: Connection, frame: RequestFrame): Promise<Outcome | undefined> {
    if (frame.action !== 'login' && frame.action !== SESSION_ACTIONS.resume) return undefined;
    const { signInsPerAddress, signInsPerAgent } = this.limiters;
    let refusal: string | undefined;
    if (!(await signInsPerAddress.take(connection.remoteAddress))) refusal = 'sign-in attempts from this address';
    const params = frame.params as { tenantId?: unknown; agentNo?: unknown } | undefined;
    if (!refusal && frame.action === 'login' && typeof params?.tenantId === 'string' && typeof params.agentNo === 'string') {
      if (!(await signInsPerAgent.take(`${params.tenantId}/${params.agentNo}`))) refusal = 'sign-in attempts for this agent';
    }
    if (!refusal) return undefined;
    this.metrics.rateLimited('signIn');
    return failed('RATE_LIMITED', `rate limited: too many ${refusal}; wait a moment`);
  }

  private async run(connection: Connection, frame: RequestFrame): Promise<Outcome> {
    if (!isOperationName(frame.action)) return failed('UNKNOWN_ACTION', `unknown action: ${frame.action}`);
    return this.runOperation(frame.action, connection, frame.params);
  }

  private async runOperation<K extends OperationName>(action: K, connection: Connection, params: unknown): Promise<Outcome> {
    const row = OPERATION_TABLE[action] as OperationRow<K>;
    const validation = validateParams(action, params);
    if (!validation.ok) return failed('BAD_PARAM', `bad param: ${validation.message}`);
    if (row.permission === 'public') return row.handle({ connection, services: this.services }, validation.value);

    const signedIn = this.signedInContext(connection);
    if (!signedIn) return failed('NOT_LOGGED_IN', 'not logined');
    if (row.permission === 'agent') return row.handle(signedIn, validation.value);
    if (signedIn.agent.role !== 'supervisor') return failed('PERMISSION_DENIED', `permission denied: ${action} needs the supervisor role`);

    const supervisor = await supervisorContext(signedIn);
    if (row.target !== 'watchedAgent') return row.handle(supervisor, validation.value);
    const scoped = watchedAgent(supervisor, (validation.value as { agentNo: string }).agentNo);
    return scoped.ok ? row.handle(scoped.context, validation.value) : scoped.refusal;
  }

  private signedInContext(connection: Connection): SignedInContext | undefined {
    const session = connection.session;
    if (!session || !this.services.liveSessions.has(session.sessionId)) return undefined;
    const tenant = this.services.tenants.get(session.tenantId);
    const agent = tenant && findAgent(tenant, session.agentNo);
    if (!tenant || !agent) return undefined;
    return { connection, services: this.services, session, tenant, agent };
  }
}

function responseActionFor(action: string): string {
  if (action === SESSION_ACTIONS.resume) return 'resumeResp';
  return isOperationName(action) ? responseActionOf(action) : `${action}Resp`;
}

function toResponse(id: string, action: string, outcome: Outcome): ResponseFrame {
  if (outcome.ok) return { type: 'res', id, action, code: 0, message: outcome.message ?? 'ok', ...outcome.fields };
  const info = BusinessErrors[outcome.error];
  return { type: 'res', id, action, code: -1, message: outcome.message ?? info.message, errorCode: info.code };
}
