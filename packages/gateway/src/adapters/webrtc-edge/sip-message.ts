/**
 * SIP messages as the softphone edge needs them (RFC 3261 §7, one message per WebSocket frame as RFC 7118 says):
 * requests and responses with their headers and body. Parsing is strict about the start line and the headers every
 * message must carry, lenient about the rest, and never throws: a message it cannot read is `undefined`.
 */

/** Header values by lower-case long name; a header line repeated, or a comma list of Via, keeps every value in order. */
export type SipHeaders = ReadonlyMap<string, readonly string[]>;

export interface SipRequest {
  readonly kind: 'request';
  readonly method: string;
  readonly uri: string;
  readonly headers: SipHeaders;
  readonly body: string;
}

export interface SipResponse {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
  readonly headers: SipHeaders;
  readonly body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** RFC 3261 §7.3.3 compact forms. */
const COMPACT_NAMES: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
};

/** Headers written in their usual capitalisation; others are written as given. */
const CANONICAL_NAMES: Record<string, string> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
};

const REQUIRED_HEADERS = ['via', 'from', 'to', 'call-id', 'cseq'];
const REQUEST_LINE = /^([A-Za-z]+) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/;
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/;

export function parseSipMessage(text: string): SipMessage | undefined {
  const headEnd = findHeadEnd(text);
  if (headEnd === undefined) return undefined;
  const lines = unfold(text.slice(0, headEnd.index).split(/\r?\n/));
  const startLine = lines.shift() ?? '';
  const headers = parseHeaders(lines);
  if (!headers || REQUIRED_HEADERS.some((name) => !headers.has(name)) || !parseCSeq(headers)) return undefined;
  const body = bodyOf(text.slice(headEnd.index + headEnd.length), headers);
  if (body === undefined) return undefined;

  const request = REQUEST_LINE.exec(startLine);
  if (request) return { kind: 'request', method: request[1]!.toUpperCase(), uri: request[2]!, headers, body };
  const status = STATUS_LINE.exec(startLine);
  if (status) return { kind: 'response', status: Number(status[1]), reason: status[2] ?? '', headers, body };
  return undefined;
}

/** The first value of a header, or undefined. */
export function header(message: { headers: SipHeaders }, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

export function parseCSeq(source: SipHeaders | { headers: SipHeaders }): { seq: number; method: string } | undefined {
  const headers = source instanceof Map ? source : (source as { headers: SipHeaders }).headers;
  const match = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(headers.get('cseq')?.[0]?.trim() ?? '');
  return match ? { seq: Number(match[1]), method: match[2]!.toUpperCase() } : undefined;
}

export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

export function formatRequest(method: string, uri: string, headers: HeaderList, body = ''): string {
  return formatMessage(`${method} ${uri} SIP/2.0`, headers, body);
}

/**
 * A response to `request`: its Via, From, Call-ID and CSeq copied (RFC 3261 §8.2.6.2), its To given a tag when
 * `toTag` is set and it has none.
 */
export function formatResponse(
  request: SipRequest,
  status: number,
  reason: string,
  extra: HeaderList = [],
  body = '',
  toTag?: string,
): string {
  const copied: [string, string][] = [];
  for (const via of request.headers.get('via') ?? []) copied.push(['Via', via]);
  copied.push(['From', header(request, 'from')!]);
  const to = header(request, 'to')!;
  copied.push(['To', toTag !== undefined && !/;\s*tag=/i.test(to) ? `${to};tag=${toTag}` : to]);
  copied.push(['Call-ID', header(request, 'call-id')!]);
  copied.push(['CSeq', header(request, 'cseq')!]);
  return formatMessage(`SIP/2.0 ${status} ${reason}`, [...copied, ...extra], body);
}

function formatMessage(startLine: string, headers: HeaderList, body: string): string {
  const lines = [startLine];
  for (const [name, value] of headers) lines.push(`${CANONICAL_NAMES[name.toLowerCase()] ?? name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

function findHeadEnd(text: string): { index: number; length: number } | undefined {
  const crlf = text.indexOf('\r\n\r\n');
  if (crlf >= 0) return { index: crlf, length: 4 };
  const lf = text.indexOf('\n\n');
  return lf >= 0 ? { index: lf, length: 2 } : undefined;
}

/** Joins header lines continued on the next line by leading whitespace (RFC 3261 §7.3.1). */
function unfold(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && joined.length > 1) joined[joined.length - 1] += ` ${line.trim()}`;
    else joined.push(line);
  }
  return joined;
}

function parseHeaders(lines: string[]): Map<string, string[]> | undefined {
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    const rawName = line.slice(0, colon).trim();
    if (!TOKEN.test(rawName)) return undefined;
    const lower = rawName.toLowerCase();
    const name = COMPACT_NAMES[lower] ?? lower;
    const value = line.slice(colon + 1).trim();
    const values = name === 'via' ? splitList(value) : [value];
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
  }
  return headers;
}

/** Splits a comma list, keeping commas inside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && quoted) {
      current += char + (value[++i] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle = true;
    else if (!quoted && char === '>') angle = false;
    if (char === ',' && !quoted && !angle) {
      items.push(current.trim());
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

/** The body, cut to Content-Length (bytes) when given; undefined when the message is shorter than it says. */
function bodyOf(rest: string, headers: Map<string, string[]>): string | undefined {
  const declared = headers.get('content-length')?.[0];
  if (declared === undefined) return rest;
  if (!/^\d+$/.test(declared)) return undefined;
  const bytes = Buffer.from(rest);
  const length = Number(declared);
  if (bytes.length < length) return undefined;
  return bytes.subarray(0, length).toString();
}
