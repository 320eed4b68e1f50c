/** Which fields hold secrets, and a value with them redacted: what logs and telemetry must never carry. */

/** Field names that hold secrets, compared without case: `sessionKey`, `SessionKey` and `SESSIONKEY` alike. */
const SECRET_NAMES = new Set(['sessionkey', 'sippwd', 'apikey', 'authorization', 'password', 'sipha1', 'cookie']);
const MAX_DEPTH = 8;

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/** `value` with every secret-named field at any depth (up to 8) replaced by `[redacted]`; itself when it has none. */
export function withoutSecrets<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  let copy: Record<string, unknown> | unknown[] | undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, field] of entries) {
    const clean = typeof key === 'string' && isSecretName(key) ? '[redacted]' : withoutSecrets(field, depth + 1);
    if (clean === field) continue;
    copy ??= Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
    (copy as Record<string | number, unknown>)[key] = clean;
  }
  return (copy ?? value) as T;
}
