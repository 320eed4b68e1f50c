/**
 * The open WebSockets one client address may hold across the cluster. A new socket is admitted while fewer than
 * `max` are open (checked, then counted: two nodes admitting at the same moment may pass the cap by one each). While
 * the shared limits cannot be reached, sockets are admitted.
 */
import type { SharedLimits } from '../ports/shared-limits.js';
import type { Logger } from '../ports/logger.js';

export class ConnectionCap {
  constructor(
    private readonly limits: SharedLimits,
    /** This node's boot id: its counts are removed when it is gone. */
    private readonly holderId: string,
    private readonly logger: Logger,
    readonly max: number,
  ) {}

  async admits(address: string): Promise<boolean> {
    try {
      return (await this.limits.openConnections(address)) < this.max;
    } catch (error) {
      this.logger.warn({ err: error }, 'shared connection counts unavailable: connection admitted');
      return true;
    }
  }

  opened(address: string): void {
    this.limits.connectionOpened(address, this.holderId).catch((error: unknown) => this.logger.warn({ err: error }, 'counting a connection failed'));
  }

  closed(address: string): void {
    this.limits.connectionClosed(address, this.holderId).catch((error: unknown) => this.logger.warn({ err: error }, 'uncounting a connection failed'));
  }
}
