/**
 * A rate limit every node of a cluster counts together (sign-ins, a tenant's API calls): its buckets are in the
 * shared limits, named `<name>:<key>`. While the shared limits cannot be reached (Redis restarting) requests pass:
 * the node serves rather than refuse everyone.
 */
import type { Clock } from '../ports/clock.js';
import type { RateLimit, SharedLimits } from '../ports/shared-limits.js';
import type { Logger } from '../ports/logger.js';

export class SharedRateLimiter {
  constructor(
    private readonly limits: SharedLimits,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly name: string,
    readonly limit: RateLimit,
  ) {}

  /** Takes a token for `key`; false when its bucket is empty. */
  async take(key: string): Promise<boolean> {
    if (this.limit.perSecond === Infinity) return true;
    try {
      return await this.limits.takeToken(`${this.name}:${key}`, this.limit, this.clock.now());
    } catch (error) {
      this.logger.warn({ err: error, limit: this.name }, 'shared rate limit unavailable: request let through');
      return true;
    }
  }
}
