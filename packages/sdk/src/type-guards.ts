/** Narrowing of values that arrive untyped: JSON from the socket, options from JavaScript callers. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
