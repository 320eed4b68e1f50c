/**
 * Where the registrars (desk phones over SIP, softphones on the WebRTC edge) tell of each phone registered with this
 * node or no longer, and where the cluster's phone directory listens: built before both sides, so the registrars need
 * not wait for the SIP socket whose address the directory records.
 */
import type { PhoneRegistration } from '../../ports/store.js';

export interface PhoneRegistrationChange {
  tenantId: string;
  kind: PhoneRegistration['kind'];
  address: string;
  /** Registered until then; undefined: no longer registered. */
  expiresAt: number | undefined;
}

type PhoneListener = (change: PhoneRegistrationChange) => void;

export class PhoneRegistrationChanges {
  private readonly listeners: PhoneListener[] = [];

  on(listener: PhoneListener): void {
    this.listeners.push(listener);
  }

  changed(change: PhoneRegistrationChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
