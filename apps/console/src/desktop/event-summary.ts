/** One line about an SDK event for the log: the state it reports, or the result of a response. */
import type { SdkEvent } from '../state/desk-model.js';

export function summarizeEvent(event: SdkEvent): string | undefined {
  switch (event.name) {
    case 'agentStatus':
      return [event.payload.state, event.payload.pauseDescription, event.payload.stateAction].filter(Boolean).join(' · ');
    case 'softphoneState':
    case 'connectionState':
      return [event.payload.state, event.payload.reason].filter(Boolean).join(' · ');
    case 'webrtcStats':
      return `${event.payload.connectionState} · in ${event.payload.bitrateIn} kbit/s · MOS ${event.payload.mos}`;
    case 'reconnectAttempt':
      return `attempt ${event.payload.attempt}`;
    case 'sessionTerminate':
      return [event.payload.outcome ?? event.payload.reason, event.payload.side].filter(Boolean).join(' · ');
    case 'callMuted':
    case 'callUnmuted':
      return event.payload.direction;
    default:
      return responseOrCallSummary(event.payload);
  }
}

/** Responses say whether they succeeded; call events name the customer. */
function responseOrCallSummary(payload: object): string | undefined {
  if ('code' in payload && typeof payload.code === 'number') {
    const refusal = 'errorCode' in payload ? `${String(payload.errorCode)} ${'message' in payload ? String(payload.message) : ''}` : '';
    return payload.code === 0 ? 'ok' : `refused · ${refusal}`.trim();
  }
  if ('customerNumber' in payload && typeof payload.customerNumber === 'string') return payload.customerNumber;
  return undefined;
}
