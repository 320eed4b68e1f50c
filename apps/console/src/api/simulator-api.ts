/** The carrier simulator's control API (docs/simulator.md): virtual customers and phones of the embedded gateway. */
import type { TenantApiAccess } from './call-records.js';
import { requestJson } from './http-json.js';

export const PHONE_BEHAVIOURS = ['answer', 'busy', 'no-answer', 'reject', 'invalid'] as const;
export type PhoneBehaviourName = (typeof PHONE_BEHAVIOURS)[number];

export interface PhoneBehaviour {
  behavior: PhoneBehaviourName;
  answerAfterMs?: number;
  hangupAfterMs?: number | null;
}

export type LegState = 'dialing' | 'ringing' | 'answered' | 'ended';

export interface SimulatedLeg {
  legId: string;
  party: 'customer' | 'agent';
  number: string;
  direction: 'inbound' | 'outbound';
  state: LegState;
  endCause?: string;
  held: boolean;
  muted: { in: boolean; out: boolean };
  hears: string[];
  hearsMusic: boolean;
  prompts: string[];
  digitsReceived: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
}

export interface SimulatedCall {
  callId: string;
  legs: SimulatedLeg[];
}

export interface SimulatorApi {
  placeInboundCall(queueNo: string, from: string): Promise<string>;
  setBehaviour(number: string, behaviour: PhoneBehaviour): Promise<Required<PhoneBehaviour>>;
  behaviourOf(number: string): Promise<Required<PhoneBehaviour>>;
  hangup(callId: string): Promise<void>;
  pressKeys(callId: string, digits: string): Promise<void>;
  liveCalls(): Promise<SimulatedCall[]>;
}

export function simulatorApi({ tenantId, apiKey }: TenantApiAccess): SimulatorApi {
  const base = `/api/v1/tenants/${encodeURIComponent(tenantId)}/sim`;
  return {
    async placeInboundCall(queueNo, from) {
      const { callId } = await requestJson<{ callId: string }>(`${base}/inbound`, { method: 'POST', apiKey, body: { queueNo, from } });
      return callId;
    },
    setBehaviour(number, behaviour) {
      return requestJson(`${base}/numbers/${encodeURIComponent(number)}`, { method: 'PUT', apiKey, body: behaviour });
    },
    behaviourOf(number) {
      return requestJson(`${base}/numbers/${encodeURIComponent(number)}`, { apiKey });
    },
    async hangup(callId) {
      await requestJson(`${base}/calls/${encodeURIComponent(callId)}/hangup`, { method: 'POST', apiKey });
    },
    async pressKeys(callId, digits) {
      await requestJson(`${base}/calls/${encodeURIComponent(callId)}/dtmf`, { method: 'POST', apiKey, body: { digits } });
    },
    async liveCalls() {
      return (await requestJson<{ calls: SimulatedCall[] }>(`${base}/calls`, { apiKey })).calls;
    },
  };
}
