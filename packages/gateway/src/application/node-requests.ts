/** The requests other nodes make of this one (`Bus.request` to its boot id), each kind to its handler. */
import type { Bus, NodeRequest, Unsubscribe } from '../ports/bus.js';
import type { CallService } from './call-service.js';

type NodeRequestHandlers = { [K in NodeRequest['kind']]: (request: Extract<NodeRequest, { kind: K }>) => Promise<void> };

export function serveNodeRequests(bus: Bus, ownerId: string, calls: CallService): Promise<Unsubscribe> {
  const handlers: NodeRequestHandlers = {
    applyCallEffects: (request) => calls.applyForwardedEffects(request.call, request.effects),
    sendDtmf: (request) => calls.sendForwardedDtmf(request.legId, request.digits, request.timing),
    ping: async () => undefined,
  };
  return bus.serve(ownerId, (request) => (handlers[request.kind] as (request: NodeRequest) => Promise<void>)(request));
}
