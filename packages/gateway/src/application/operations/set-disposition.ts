/**
 * setDisposition (ours): an agent who handled a call (also one it transferred, consulted on or joined three-way)
 * gives it an outcome from the tenant's `dispositions`, with notes. Stored with the call record; the CDR API shows it.
 * The call may be over: this is after-call work.
 */
import type { ValidatedParams } from '@agentsdk/protocol';
import { handledBy, withDisposition } from '../../domain/call-disposition.js';
import { transitionStored } from '../compare-and-set.js';
import { failed, succeeded, type Outcome, type SignedInContext } from '../operation-context.js';

export async function setDisposition(ctx: SignedInContext, params: ValidatedParams<'setDisposition'>): Promise<Outcome> {
  if (!ctx.tenant.dispositions.some((disposition) => disposition.code === params.dispositionCode)) {
    return failed('BAD_PARAM', `bad param: dispositionCode ${params.dispositionCode} is not one of the tenant's dispositions`);
  }
  const { calls } = ctx.services.store;
  // A concurrent write to the same record (the call still changing) is retried from a fresh read.
  const result = await transitionStored(
    () => calls.get(params.callId),
    (stored) => {
      if (!stored || stored.value.tenantId !== ctx.session.tenantId || !handledBy(stored.value, ctx.session.agentNo)) {
        return { ok: false, error: 'BAD_PARAM', message: `bad param: callId ${params.callId} is not a call you handled` };
      }
      const disposition = {
        agentNo: ctx.session.agentNo,
        code: params.dispositionCode,
        ...(params.notes ? { notes: params.notes } : {}),
        at: ctx.services.clock.now(),
      };
      return { ok: true, next: withDisposition(stored.value, disposition) };
    },
    (next, version) => calls.compareAndSet(next, version),
  );
  if (result.ok) return succeeded();
  if (result.error === 'FAIL_TO_GET_LOCK') return failed('INVALID_STATE', 'the call changed too often to save the disposition; try again');
  return failed(result.error, result.message);
}
