/** Reading the header values the edge needs: name-addr (From, To, Contact), their parameters, and digest credentials. */

export interface NameAddr {
  /** The URI, without angle brackets. */
  uri: string;
  /** Header parameters (after the URI): `tag`, `expires`, ...; a parameter without a value maps to ''. */
  params: Record<string, string>;
}

/** `"Alice" <sip:alice@example.com;transport=ws>;tag=1;expires=60` or `sip:alice@example.com;tag=1`. */
export function parseNameAddr(value: string): NameAddr | undefined {
  const open = value.indexOf('<');
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) return undefined;
    return { uri: value.slice(open + 1, close).trim(), params: parseParams(value.slice(close + 1)) };
  }
  // Without brackets, parameters after the URI belong to the header (RFC 3261 §20.10).
  const [uri = '', ...rest] = value.trim().split(';');
  return uri === '' ? undefined : { uri, params: parseParams(rest.length > 0 ? `;${rest.join(';')}` : '') };
}

/** `;a=1;b;c="x y"` -> { a: '1', b: '', c: 'x y' }; names are lower-cased. */
export function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    const name = (equals < 0 ? trimmed : trimmed.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? '' : unquote(trimmed.slice(equals + 1).trim());
    params[name] = value;
  }
  return params;
}

/** `sip:1001@host;transport=ws` -> '1001'. */
export function userOf(uri: string): string | undefined {
  const match = /^sips?:([^@;>]+)@/i.exec(uri);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** `Digest username="a", realm="r", nc=00000001` -> { username: 'a', realm: 'r', nc: '00000001' }. */
export function parseDigest(value: string): Record<string, string> | undefined {
  const match = /^\s*Digest\s+([\s\S]*)$/i.exec(value);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)\s*(?:,|$)/gy;
  let rest = match[1]!;
  let found: RegExpExecArray | null;
  let consumed = 0;
  while ((found = pattern.exec(rest)) !== null && found[0] !== '') {
    params[found[1]!.toLowerCase()] = unquote(found[2]!);
    consumed = pattern.lastIndex;
  }
  rest = rest.slice(consumed).trim();
  return rest === '' ? params : undefined;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value;
}
