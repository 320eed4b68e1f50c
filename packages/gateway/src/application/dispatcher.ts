/**
 * Turns a request frame into its response: finds the operation's row, validates the parameters with the shared
 * schema, checks the permission (and a supervisor's scope), runs the handler, and sends the response before the
 * events that follow it.
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
import type { Logger } from './logger.js';
import { OPERATION_TABLE, type OperationRow } from './operation-table.js';
import { failed, type Connection, type GatewayServices, type Outcome, type SignedInContext } from './operation-context.js';
import { resume } from './resume.js';
import { supervisorContext, watchedAgent } from './supervisor-scope.js';

export interface OperationMetrics {
  operationCompleted(action: string, code: 0 | -1, seconds: number): void;
}

export class Dispatcher {
  constructor(
    private readonly services: GatewayServices,
    private readonly logger: Logger,
    private readonly metrics: OperationMetrics,
  ) {}

  async dispatch(connection: Connection, frame: RequestFrame): Promise<void> {
    const started = performance.now();
    const isResume = frame.action === SESSION_ACTIONS.resume;
    const responseAction = isResume ? 'resumeResp' : isOperationName(frame.action) ? responseActionOf(frame.action) : `${frame.action}Resp`;
    let outcome: Outcome;
    try {
      outcome = isResume ? await resume(this.services, connection, frame.params) : await this.run(connection, frame);
    } catch (error) {
      this.logger.error({ err: error, action: frame.action, requestId: frame.id, session: connection.session?.sessionId }, 'operation failed');
      outcome = failed('SYSTEM_EXCEPTION');
    }
    const response = toResponse(frame.id, responseAction, outcome);
    connection.socket.send(response);
    this.metrics.operationCompleted(isOperationName(frame.action) || isResume ? frame.action : 'unknown', response.code, (performance.now() - started) / 1000);
    if (outcome.ok && outcome.after) {
      await outcome.after().catch((error: unknown) =>
        this.logger.error({ err: error, action: frame.action, requestId: frame.id }, 'applying effects failed'),
      );
    }
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

function toResponse(id: string, action: string, outcome: Outcome): ResponseFrame {
  if (outcome.ok) return { type: 'res', id, action, code: 0, message: outcome.message ?? 'ok', ...outcome.fields };
  const info = BusinessErrors[outcome.error];
  return { type: 'res', id, action, code: -1, message: outcome.message ?? info.message, errorCode: info.code };
}
