/** Reads a client frame without trusting it: anything that is not a well-formed request or ping is refused with a reason. */
import { MAX_FRAME_BYTES, MAX_FRAME_DEPTH, type ClientFrame } from '@agentsdk/protocol';

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

const NOT_A_FRAME = 'bad frame: expected a JSON request or ping';

export function parseClientFrame(text: string): ParsedFrame {
  if (text.length > MAX_FRAME_BYTES) return { ok: false, reason: `bad frame: larger than ${MAX_FRAME_BYTES} bytes` };
  if (nestingDepth(text) > MAX_FRAME_DEPTH) return { ok: false, reason: `bad frame: nested deeper than ${MAX_FRAME_DEPTH} levels` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'bad frame: not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: NOT_A_FRAME };
  const frame = value as Record<string, unknown>;
  if (frame.type === 'ping' && typeof frame.ts === 'number') return { ok: true, frame: { type: 'ping', ts: frame.ts } };
  if (frame.type === 'req' && isShortString(frame.id) && isShortString(frame.action)) {
    return { ok: true, frame: { type: 'req', id: frame.id, action: frame.action, params: frame.params } };
  }
  return { ok: false, reason: NOT_A_FRAME };
}

const isShortString = (value: unknown): value is string => typeof value === 'string' && value.length <= 64;

/**
 * How deeply arrays and objects nest in JSON text, counted before parsing so a hostile frame never reaches the
 * parser, the validators or the logger. Brackets inside strings do not count; malformed text is left to JSON.parse.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index += 1;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return deepest;
}
