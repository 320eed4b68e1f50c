/**
 * New legs of a call: where an agent's phone is, the id a new leg gets, and the dial request the telephony receives.
 * Leg ids say who the leg is for: `<callId>-a<n>` an agent, `-c<n>` the customer (n-th leg of that party: a backup
 * number is the next customer leg), `-s<n>` a supervisor, `-x<n>` a transfer or consult target (n counts all legs).
 */
import { EndpointType } from '@agentsdk/protocol';
import type { AgentRecord } from './agent.js';
import type { CallRecord } from './call.js';
import type { Destination, DialRequest } from '../ports/telephony.js';

const ENDPOINT_KINDS = {
  [EndpointType.PSTN]: 'pstn',
  [EndpointType.EXTENSION]: 'extension',
  [EndpointType.SOFTPHONE]: 'softphone',
} as const;

/** Where an agent's calls ring: the bound endpoint. */
export function agentDestination(agent: AgentRecord): Destination | undefined {
  if (!agent.bindEndpoint) return undefined;
  return { kind: ENDPOINT_KINDS[agent.bindEndpoint.endpointType], address: agent.bindEndpoint.endpoint, party: 'agent' };
}

type LegOwner = 'agent' | 'customer' | 'supervisor' | 'target';

type CallSoFar = Pick<CallRecord, 'callId' | 'legs'>;

/** The id of the next leg of `call` for `owner`. */
export function nextLegId(call: CallSoFar, owner: LegOwner): string {
  switch (owner) {
    case 'agent':
      return `${call.callId}-a${call.legs.filter((leg) => leg.party === 'agent').length + 1}`;
    case 'customer':
      return `${call.callId}-c${call.legs.filter((leg) => leg.party === 'customer').length + 1}`;
    case 'supervisor':
      return `${call.callId}-s${call.legs.length + 1}`;
    case 'target':
      return `${call.callId}-x${call.legs.length + 1}`;
  }
}

/** Dials `destination` for the call; the called party sees `callerId` (by default the customer's number). */
export function dialRequest(
  call: Pick<CallRecord, 'callId' | 'tenantId' | 'customerNumber'>,
  legId: string,
  destination: Destination,
  timeoutMs: number,
  callerId: string = call.customerNumber,
): DialRequest {
  return { legId, callId: call.callId, tenantId: call.tenantId, destination, callerId, timeoutMs };
}
