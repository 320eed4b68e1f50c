/** Channel variables of type 3 travel to the far end of a leg (a SIP driver writes them as `X-` headers). */
import type { CallRecord } from './call.js';

const PASSED_THROUGH = 3;

/** The call's type 3 variables, and a consult's own for the consult leg; later ones win a name. Undefined: none. */
export function passedVariablesOf(call: CallRecord, legId: string): Record<string, string> | undefined {
  const variables = [...call.variables, ...(call.consult?.legId === legId ? call.consult.variables : [])];
  const passed = variables.filter((variable) => variable.type === PASSED_THROUGH);
  if (passed.length === 0) return undefined;
  return Object.fromEntries(passed.map((variable) => [variable.name, variable.value]));
}
