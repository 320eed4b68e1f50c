import { succeeded, type Outcome, type SupervisorContext } from '../operation-context.js';

/** ListPreviewDialingTask (spec 7.9): the tenant's preview tasks and their next numbers, for previewObCall. */
export async function listPreviewDialingTasks(ctx: SupervisorContext): Promise<Outcome> {
  return succeeded({ fields: { tasks: await ctx.services.dialer.previewTasks(ctx.tenant) } });
}
