/** The behaviours tenants set for their numbers, per (tenantId, number). */
import type { Party } from '../../ports/telephony.js';
import { resolveBehaviour, type BehaviourSetting, type PhoneBehaviour } from './phone-behaviour.js';

export class BehaviourBook {
  private readonly byTenant = new Map<string, Map<string, BehaviourSetting>>();

  set(tenantId: string, number: string, setting: BehaviourSetting): void {
    let numbers = this.byTenant.get(tenantId);
    if (!numbers) this.byTenant.set(tenantId, (numbers = new Map()));
    numbers.set(number, { ...setting });
  }

  /** The behaviour in force: the one set for the number, or the default of `party`. */
  resolve(tenantId: string, number: string, party: Party): PhoneBehaviour {
    return resolveBehaviour(this.byTenant.get(tenantId)?.get(number), party);
  }

  /** Whether the tenant set the number `invalid`. */
  isInvalid(number: string, tenantId: string): boolean {
    return this.byTenant.get(tenantId)?.get(number)?.behavior === 'invalid';
  }
}
