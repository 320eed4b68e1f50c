/** Local failures of the SDK. Server-side failures are not errors: they resolve with `code: -1`. */

export const ErrorCodes = Object.freeze({
  /** An operation was called before `setup()`. */
  NOT_INITIALIZED: 'NOT_INITIALIZED',
  /** A parameter or a setup option is missing, of the wrong type or out of range. */
  INVALID_PARAMS: 'INVALID_PARAMS',
  /** A needed dependency (WebSocket, SIP stack) is not available. */
  MISSING_DEP: 'MISSING_DEP',
  /** The operation needs a signed-in session on an open socket. */
  WS_NOT_CONNECTED: 'WS_NOT_CONNECTED',
  /** Connecting, or waiting for a response, took too long. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The softphone is not ready. */
  SIP_NOT_AVAILABLE: 'SIP_NOT_AVAILABLE',
  /** No browser support, permission or device for audio. */
  MEDIA_NOT_SUPPORTED: 'MEDIA_NOT_SUPPORTED',
} as const);

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class AgentSdkError extends Error {
  override readonly name = 'AgentSdkError' as const;
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

const KNOWN_CODES = new Set<unknown>(Object.values(ErrorCodes));

/** Checks the name and code rather than `instanceof`, so an error from another bundle or realm is recognised. */
export function isAgentSdkError(value: unknown): value is AgentSdkError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  return candidate.name === 'AgentSdkError' && KNOWN_CODES.has(candidate.code);
}
