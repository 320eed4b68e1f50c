/**
 * The phones of a cluster (docs/multi-node.md): this node records in the store each phone registered with it, with
 * its own SIP address, and finds the live node another phone is registered with, which the leg router then dials
 * through the cluster trunk. Writes go out in the order the registrations changed; a failed one is logged (the phone's
 * next REGISTER writes it again).
 */
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { LeaseStore, PhoneRegistration, PhoneRegistrationStore } from '../../ports/store.js';
import type { Destination } from '../../ports/telephony.js';
import type { NodeSipAddress } from './far-end-driver.js';
import type { PhoneRegistrationChange } from './phone-registration-changes.js';

type PhoneKind = PhoneRegistration['kind'];

export interface ClusterPhonesOptions {
  registrations: PhoneRegistrationStore;
  leases: LeaseStore;
  /** This node's boot id. */
  ownerId: string;
  /** Where the other nodes reach this node's SIP socket. */
  sipAddress: NodeSipAddress;
  /** A node whose lease was renewed longer ago than this is dead: its phones cannot be rung through it. */
  lapseMs: number;
  clock: Clock;
  logger: Logger;
}

export class ClusterPhones {
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClusterPhonesOptions) {}

  /** A phone registered with this node (or again), or no longer (unregistered, its connection or session ended). */
  changed({ tenantId, kind, address, expiresAt }: PhoneRegistrationChange): void {
    const { registrations, ownerId, sipAddress } = this.options;
    if (expiresAt === undefined)
      return this.write('removing a phone registration', () => registrations.remove(tenantId, kind, address, ownerId));
    const registration = { tenantId, kind, address, ownerId, sipAddress: `${sipAddress.host}:${sipAddress.port}`, expiresAt };
    this.write('recording a phone registration', () => registrations.put(registration));
  }

  /**
   * The SIP address of the live node, other than this one, the destination's phone is registered with; none when the
   * store cannot be read (logged).
   */
  async locate(tenantId: string, destination: Destination): Promise<NodeSipAddress | undefined> {
    if (destination.kind === 'pstn') return undefined;
    try {
      return await this.find(tenantId, destination.kind, destination.address);
    } catch (error) {
      this.options.logger.error({ err: error }, 'cluster phones: looking a phone up failed');
      return undefined;
    }
  }

  /** This node stops: its phones are no longer reachable through it. */
  async forgetOwn(): Promise<void> {
    await this.writes;
    await this.options.registrations.removeOwner(this.options.ownerId);
  }

  private async find(tenantId: string, kind: PhoneKind, address: string): Promise<NodeSipAddress | undefined> {
    const { registrations, leases, ownerId, clock, lapseMs } = this.options;
    const now = clock.now();
    const registration = await registrations.find(tenantId, kind, address, now);
    if (!registration || registration.ownerId === ownerId) return undefined;
    const lease = (await leases.list()).find((candidate) => candidate.ownerId === registration.ownerId);
    if (!lease || now - lease.renewedAt > lapseMs) return undefined;
    return parseSipAddress(registration.sipAddress);
  }

  private write(what: string, change: () => Promise<unknown>): void {
    this.writes = this.writes
      .then(change)
      .catch((error: unknown) => this.options.logger.error({ err: error }, `cluster phones: ${what} failed`));
  }
}

function parseSipAddress(text: string): NodeSipAddress | undefined {
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  return colon > 0 && Number.isInteger(port) && port > 0 ? { host: text.slice(0, colon), port } : undefined;
}
