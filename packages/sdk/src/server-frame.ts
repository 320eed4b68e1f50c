/** Reads a gateway frame without trusting it: anything that is not a well-formed frame comes back undefined. */
import type { EventFrame, PongFrame, ResponseFrame, ServerFrame } from '@agentsdk/protocol';
import { isRecord } from './type-guards.js';

export function parseServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'res':
      return isResponseFrame(value) ? { ...value, message: typeof value.message === 'string' ? value.message : '' } : undefined;
    case 'evt':
      return isEventFrame(value) ? value : undefined;
    case 'pong':
      return { type: 'pong', ts: typeof value.ts === 'number' ? value.ts : 0 } satisfies PongFrame;
    default:
      return undefined;
  }
}

function isResponseFrame(value: Record<string, unknown>): value is ResponseFrame {
  return typeof value.id === 'string' && typeof value.action === 'string' && value.action !== '' && typeof value.code === 'number';
}

function isEventFrame(value: Record<string, unknown>): value is EventFrame & Record<string, unknown> {
  return Number.isSafeInteger(value.seq) && typeof value.event === 'string' && value.event !== '' && isRecord(value.data);
}
