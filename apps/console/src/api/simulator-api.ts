/** The carrier simulator's control API (docs/simulator.md): virtual customers and phones of the embedded gateway. */
import type { PhoneBehaviour, PhoneBehaviourSetting, SimulatedCallList, SimulatedCallListing } from '@agentsdk/protocol';
import type { TenantApiAccess } from './call-records.js';
import { requestJson } from './http-json.js';

export { PHONE_BEHAVIOURS } from '@agentsdk/protocol';
export type {
  PhoneBehaviour,
  PhoneBehaviourName,
  PhoneBehaviourSetting,
  SimulatedCallListing as SimulatedCall,
  SimulatedLegListing as SimulatedLeg,
} from '@agentsdk/protocol';

export interface SimulatorApi {
  placeInboundCall(queueNo: string, from: string): Promise<string>;
  setBehaviour(number: string, behaviour: PhoneBehaviourSetting): Promise<PhoneBehaviour>;
  behaviourOf(number: string): Promise<PhoneBehaviour>;
  hangup(callId: string): Promise<void>;
  pressKeys(callId: string, digits: string): Promise<void>;
  liveCalls(): Promise<SimulatedCallListing[]>;
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
      return (await requestJson<SimulatedCallList>(`${base}/calls`, { apiKey })).calls;
    },
  };
}
