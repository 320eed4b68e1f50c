/**
 * The simulator's live calls: legs by id, the legs of each call, the legs of each conversation. A call is dropped with
 * its legs as soon as its last leg ends, so memory follows the calls in progress, not every call ever made.
 */
import type { SimulatedLeg } from './simulated-leg.js';

interface CallEntry {
  tenantId: string;
  legIds: string[];
}

export class CallTable {
  private readonly legs = new Map<string, SimulatedLeg>();
  private readonly calls = new Map<string, CallEntry>();
  private readonly conversations = new Map<string, Set<string>>();

  leg(legId: string): SimulatedLeg | undefined {
    return this.legs.get(legId);
  }

  /** The tenant a call in progress belongs to. */
  tenantOf(callId: string): string | undefined {
    return this.calls.get(callId)?.tenantId;
  }

  /** Adds a new leg, starting its call if the call is not in progress. */
  add(leg: SimulatedLeg): void {
    const call = this.calls.get(leg.callId);
    if (call) call.legIds.push(leg.legId);
    else this.calls.set(leg.callId, { tenantId: leg.tenantId, legIds: [leg.legId] });
    this.legs.set(leg.legId, leg);
    this.joinConversation(leg);
  }

  /** Stores a leg's next state. */
  save(next: SimulatedLeg): void {
    const previous = this.legs.get(next.legId);
    if (!previous) return;
    this.legs.set(next.legId, next);
    if (previous.conversationId !== next.conversationId) {
      this.leaveConversation(previous);
      this.joinConversation(next);
    }
    if (next.state === 'ended') this.releaseCallIfOver(next.callId);
  }

  legsOf(callId: string): SimulatedLeg[] {
    return (this.calls.get(callId)?.legIds ?? []).flatMap((legId) => this.legs.get(legId) ?? []);
  }

  /** The calls of a tenant, oldest first. */
  callIdsOf(tenantId: string): string[] {
    return [...this.calls].filter(([, call]) => call.tenantId === tenantId).map(([callId]) => callId);
  }

  /** Every leg in the leg's conversation, itself included. */
  conversationOf(leg: SimulatedLeg): SimulatedLeg[] {
    if (leg.conversationId === null) return [leg];
    return [...(this.conversations.get(leg.conversationId) ?? [])].flatMap((legId) => this.legs.get(legId) ?? []);
  }

  clear(): void {
    this.legs.clear();
    this.calls.clear();
    this.conversations.clear();
  }

  private joinConversation(leg: SimulatedLeg): void {
    if (leg.conversationId === null) return;
    let members = this.conversations.get(leg.conversationId);
    if (!members) this.conversations.set(leg.conversationId, (members = new Set()));
    members.add(leg.legId);
  }

  private leaveConversation(leg: SimulatedLeg): void {
    if (leg.conversationId === null) return;
    const members = this.conversations.get(leg.conversationId);
    members?.delete(leg.legId);
    if (members?.size === 0) this.conversations.delete(leg.conversationId);
  }

  private releaseCallIfOver(callId: string): void {
    const call = this.calls.get(callId);
    if (!call || call.legIds.some((legId) => this.legs.get(legId)?.state !== 'ended')) return;
    for (const legId of call.legIds) this.legs.delete(legId);
    this.calls.delete(callId);
  }
}
