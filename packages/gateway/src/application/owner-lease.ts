/**
 * This process's lease in the store, and the watch on the others' (docs/03-Core-Concepts-and-Lifecycle.md, "What
 * survives what"). A node that owns its store alone (the embedded SQLite default) ends, at boot, what its previous
 * incarnation owned. Nodes sharing a store renew their lease every `renewMs`; one whose lease is older than
 * `lapseMs` is dead, and the others end what it owned. A node that could not renew its own lease in time (the store
 * was unreachable or slow: a Redis restart) cannot tell who else was alive meanwhile: it judges no other node for one
 * lapse period after it renews again, so a store outage does not make every node end every other node's calls.
 */
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Lease } from '../ports/store.js';
import type { Logger } from '../ports/logger.js';
import type { GatewayServices } from './operation-context.js';
import type { OwnerLiveness } from './owner-liveness.js';
import { recoverLostOwners } from './owner-recovery.js';

export interface OwnerLeaseOptions {
  services: GatewayServices;
  clock: Clock;
  logger: Logger;
  /** True when no other node uses the store. */
  exclusive: boolean;
  renewMs: number;
  /** Which other nodes are lost (its lapse period), shared with the forwarding of call effects. */
  liveness: OwnerLiveness;
  /** After a lost owner's calls and sessions are recovered: what else it held (its connection counts). */
  onOwnerLost?: (ownerId: string) => Promise<void>;
}

export class OwnerLease {
  private timer?: TimerHandle;
  private stopped = false;
  private beat: Promise<void> = Promise.resolve();

  constructor(private readonly options: OwnerLeaseOptions) {}

  get ownerId(): string {
    return this.options.services.ownerId;
  }

  /** Takes the lease and recovers what lost owners left behind, before the node serves anyone. */
  async start(): Promise<void> {
    const { services, clock, exclusive } = this.options;
    const previous = (await services.store.leases.list()).filter((lease) => lease.ownerId !== this.ownerId);
    await services.store.leases.renew(this.ownerId, clock.now());
    if (exclusive) {
      await this.endPreviousIncarnations(previous);
      for (const lease of previous) await services.store.leases.remove(lease.ownerId);
    } else {
      await this.watch(true);
    }
    this.schedule();
  }

  /** Stops renewing. What this process owned is ended by the caller (a clean stop) or by whoever sees the lease lapse. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.beat;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.clock.schedule(this.options.renewMs, () => {
      this.beat = this.renewAndWatch()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'lease renewal failed'))
        .finally(() => this.schedule());
    });
  }

  private async renewAndWatch(): Promise<void> {
    const { services, clock, renewMs, liveness, exclusive, logger } = this.options;
    const startedAt = clock.now();
    try {
      await services.store.leases.renew(this.ownerId, startedAt);
    } catch (error) {
      liveness.renewalFailed();
      throw error;
    }
    const renewedAt = clock.now();
    if (renewedAt - startedAt > renewMs || liveness.lastRenewalFailed) {
      if (liveness.lastRenewalFailed) logger.warn('store reachable again: lease renewed, other nodes judged after one lapse period');
      liveness.renewedLate(renewedAt);
    }
    if (!exclusive && liveness.judges(renewedAt)) await this.watch(false);
  }

  /** Recovers owners whose lease lapsed; at boot also anything owned by no lease at all. */
  private async watch(atBoot: boolean): Promise<void> {
    const { services, clock, liveness } = this.options;
    const now = clock.now();
    const leases = await services.store.leases.list();
    const lapsed = leases.filter((lease) => lease.ownerId !== this.ownerId && liveness.isLost(lease, now));
    if (lapsed.length === 0 && !atBoot) return;
    const live = new Set(leases.filter((lease) => !lapsed.includes(lease)).map((lease) => lease.ownerId));
    const lastSeen = new Map(lapsed.map((lease) => [lease.ownerId, lease.renewedAt]));
    await recoverLostOwners(
      services,
      (ownerId) => (ownerId !== undefined && live.has(ownerId) ? undefined : (lastSeen.get(ownerId ?? '') ?? now)),
      'nodeLost',
      this.options.logger,
    );
    for (const lease of lapsed) {
      if (!(await services.store.leases.remove(lease.ownerId))) continue;
      this.options.logger.warn({ ownerId: lease.ownerId }, 'node lost: its calls ended, its sessions taken over');
      await this.options.onOwnerLost?.(lease.ownerId);
    }
  }

  /** Alone on its store, every owner but this process is a previous incarnation, last seen at its latest renewal. */
  private async endPreviousIncarnations(previous: Lease[]): Promise<void> {
    const lastSeen = Math.max(0, ...previous.map((lease) => lease.renewedAt)) || this.options.clock.now();
    await recoverLostOwners(
      this.options.services,
      (ownerId) => (ownerId === this.ownerId ? undefined : lastSeen),
      'gatewayRestart',
      this.options.logger,
    );
  }
}
