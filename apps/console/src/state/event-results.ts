/** Whether a result event reports success: `result: 'success'` (or 0), or `code: 0` where a code is given. Pure. */
export function isSuccess(event: { result?: unknown; code?: unknown }): boolean {
  if (event.code !== undefined) return event.code === 0;
  return event.result === undefined || event.result === 'success' || event.result === 0;
}
