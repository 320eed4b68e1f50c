/**
 * Counters that limit clients across every node of a cluster: token buckets (rate limits) and open-connection counts
 * (connection caps). The embedded default keeps them in memory; a cluster keeps them in Redis with an expiry, so an
 * idle bucket or a gone node's count does not stay. Every adapter passes tests/limits-conformance.test.ts.
 */

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface SharedLimits {
  /**
   * Takes a token from `bucket`, which refills `perSecond` tokens a second up to `burst` (a new bucket is full); false
   * when it is empty. `now` in ms.
   */
  takeToken(bucket: string, limit: RateLimit, now: number): Promise<boolean>;
  /** A connection under `key` (a client address) opened on the node `holderId`. */
  connectionOpened(key: string, holderId: string): Promise<void>;
  connectionClosed(key: string, holderId: string): Promise<void>;
  /** Connections open under `key` on every node. */
  openConnections(key: string): Promise<number>;
  /** The node `holderId` is gone: its connections no longer count. */
  forgetHolder(holderId: string): Promise<void>;
}
