/** The carrier simulator's control API, as tests (and the console) use it over HTTP. */
import type { GatewayApi } from './test-gateway.js';

export interface SimulatorApi {
  inbound(queueNo: string, from: string): Promise<string>;
  setBehaviour(number: string, behaviour: { behavior: string; answerAfterMs?: number; hangupAfterMs?: number | null }): Promise<void>;
  hangup(callId: string): Promise<void>;
  pressDigits(callId: string, digits: string): Promise<void>;
  calls(): Promise<any[]>;
  call(callId: string): Promise<any | undefined>;
}

export function simulatorApi(gateway: GatewayApi, tenantId = 'demo'): SimulatorApi {
  const base = `/api/v1/tenants/${tenantId}/sim`;
  const expectOk = (what: string, response: { status: number; body: any }) => {
    if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  return {
    async inbound(queueNo, from) {
      return expectOk('inbound', await gateway.api('POST', `${base}/inbound`, { queueNo, from })).callId;
    },
    async setBehaviour(number, behaviour) {
      expectOk('set behaviour', await gateway.api('PUT', `${base}/numbers/${number}`, behaviour));
    },
    async hangup(callId) {
      expectOk('hangup', await gateway.api('POST', `${base}/calls/${callId}/hangup`));
    },
    async pressDigits(callId, digits) {
      expectOk('dtmf', await gateway.api('POST', `${base}/calls/${callId}/dtmf`, { digits }));
    },
    async calls() {
      return expectOk('calls', await gateway.api('GET', `${base}/calls`)).calls;
    },
    async call(callId) {
      return (await this.calls()).find((call) => call.callId === callId);
    },
  };
}
