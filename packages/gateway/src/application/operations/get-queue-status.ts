/** getQueueStatus (spec 7.8): the status of watched queues, in the sections asked for. Its response action is `queueStatus`. */
import type { ValidatedParams } from '@agentsdk/protocol';
import { sectionsOf } from '../../domain/queue-status.js';
import { failed, succeeded, type Outcome, type SupervisorContext } from '../operation-context.js';
import { loadQueueStatus } from '../queue-status-loader.js';

/** `queueNos` absent or empty: every watched queue. */
export async function getQueueStatus(ctx: SupervisorContext, params: ValidatedParams<'getQueueStatus'>): Promise<Outcome> {
  const requested = params.queueNos?.length ? [...new Set(params.queueNos.map(String))] : ctx.watchedQueueNos;
  const unknown = requested.find((queueNo) => !ctx.tenant.queues.some((queue) => queue.queueNo === queueNo));
  if (unknown !== undefined) return failed('BAD_PARAM', `bad param: queueNos: queue ${unknown} does not exist`);
  const unwatched = requested.find((queueNo) => !ctx.watchedQueueNos.includes(queueNo));
  if (unwatched !== undefined) return failed('PERMISSION_DENIED', `permission denied: queue ${unwatched} is not a queue you supervise`);

  const queueStatus = await loadQueueStatus(ctx.services, ctx.tenant, requested, sectionsOf(params.fields));
  return succeeded({ fields: { queueStatus } });
}
