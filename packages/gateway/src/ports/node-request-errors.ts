/** Why a request to another node (`Bus.request`) did not get done there. */

/** No node serves the id: it is gone (its calls are ended by whoever notices its lease lapse). */
export class NodeUnreachableError extends Error {
  override readonly name = 'NodeUnreachableError';
  constructor(readonly nodeId: string) {
    super(`no node serves ${nodeId}`);
  }
}

/** The node did not answer in time; it may still do what was asked. */
export class NodeRequestTimeoutError extends Error {
  override readonly name = 'NodeRequestTimeoutError';
  constructor(
    readonly nodeId: string,
    readonly timeoutMs: number,
  ) {
    super(`node ${nodeId} did not answer within ${timeoutMs} ms`);
  }
}

/** The node's handler failed. */
export class NodeRequestFailedError extends Error {
  override readonly name = 'NodeRequestFailedError';
  constructor(
    readonly nodeId: string,
    reason: string,
  ) {
    super(`node ${nodeId} failed the request: ${reason}`);
  }
}
