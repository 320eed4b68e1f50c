/** One check of `AgentSDK.preflight()`'s report: pass, warn or fail, and what was seen. */
export type PreflightStatus = 'pass' | 'warn' | 'fail';

export interface PreflightCheck {
  status: PreflightStatus;
  /** What was seen, in words. */
  detail: string;
  /** How long the check took, where that is the point (HTTP and WebSocket round trips). */
  ms?: number;
}
