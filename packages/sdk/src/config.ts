/** `setup(config)`: the options of spec 2.1 plus the connection tuning this SDK documents, validated with defaults applied. */
import { PROTOCOL_VERSION, WEBSOCKET_PATH } from '@agentsdk/protocol';
import type { DebugEntry } from './debug-log.js';
import { AgentSdkError, ErrorCodes } from './errors.js';
import { isRecord } from './type-guards.js';

/** Timers fire at once beyond this many ms. */
const MAX_TIMER_MS = 2_147_483_647;

export interface ReconnectOptions {
  /** Delay before the first attempt; doubles with each attempt. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Attempts before giving up; `Infinity` retries until the gateway answers. */
  maxAttempts: number;
}

export interface SdkConfig {
  /** Agent Gateway base URL, http:// or https://. The WebSocket URL is derived from it. */
  baseURL: string;
  /** Enable the WebRTC softphone. Default true. */
  webrtc?: boolean;
  /** Log frames (secrets redacted) with console.debug. Default false. */
  debug?: boolean;
  /** Log audio play/pause. Default false. */
  audio_debug?: boolean;
  /** Upload SDK-triggered custom events and errors. Default false. */
  observability?: boolean;
  /** Emit `webrtcStats` events. Default false. */
  webrtcStats?: boolean;
  /** Time to wait for the response to an operation. Default 10000. */
  requestTimeoutMs?: number;
  /** Time to wait for the WebSocket to open. Default 10000. */
  connectTimeoutMs?: number;
  /** Ping interval once signed in; no frame for two intervals means the socket is dead. Default 30000. */
  heartbeatIntervalMs?: number;
  /** Default `{ initialDelayMs: 500, maxDelayMs: 30000, maxAttempts: Infinity }`. */
  reconnect?: Partial<ReconnectOptions>;
  /** Receives what `debug` logs (frames with secrets redacted, notes), whether or not `debug` is on. */
  debugHook?: (entry: DebugEntry) => void;
  /**
   * An operation called while the signed-in session's connection is `connecting` or `reconnecting` waits for it to
   * open, at most `requestTimeoutMs` from the call, instead of failing at once with WS_NOT_CONNECTED. Default false.
   */
  waitForConnection?: boolean;
  /**
   * Tabs of one browser signed in as the same agent share one gateway session and one softphone: the first tab leads,
   * the others follow its state and send their operations through it, and one of them takes over when it closes
   * (docs/03-Core-Concepts-and-Lifecycle.md#one-session-across-tabs). Needs Web Locks and BroadcastChannel; elsewhere,
   * and with `false`, every client has its own session. Default true.
   */
  shareSessionAcrossTabs?: boolean;
}

/** Every option `setup` knows; any other name is refused, so a misspelt option does not go unnoticed. */
const RECONNECT_OPTION_NAMES: ReadonlySet<string> = new Set<keyof ReconnectOptions>(['initialDelayMs', 'maxDelayMs', 'maxAttempts']);

export type ResolvedSdkConfig = Required<Omit<SdkConfig, 'reconnect' | 'debugHook'>> & {
  reconnect: ReconnectOptions;
  debugHook?: (entry: DebugEntry) => void;
};

type DefaultedOptions = Omit<ResolvedSdkConfig, 'baseURL' | 'reconnect' | 'debugHook'>;

/** The options with a default, in the order they are checked: booleans, and durations in ms (positive). */
const DEFAULTS: DefaultedOptions = {
  webrtc: true,
  debug: false,
  audio_debug: false,
  observability: false,
  webrtcStats: false,
  requestTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  heartbeatIntervalMs: 30_000,
  waitForConnection: false,
  shareSessionAcrossTabs: true,
};

const OPTION_NAMES: ReadonlySet<string> = new Set(['baseURL', ...Object.keys(DEFAULTS), 'reconnect', 'debugHook']);

export function resolveConfig(input: unknown): ResolvedSdkConfig {
  if (!isRecord(input)) throw invalidOption('config', 'setup(config) needs an object with baseURL');
  refuseUnknownOptions(input, OPTION_NAMES, '');
  if (typeof input.baseURL !== 'string' || !isHttpUrl(input.baseURL)) {
    throw invalidOption('baseURL', 'baseURL must be an http:// or https:// URL');
  }
  const options = Object.fromEntries(
    Object.entries(DEFAULTS).map(([name, fallback]) => [
      name,
      typeof fallback === 'boolean' ? booleanOption(input, name, fallback) : durationOption(input, name, fallback, { positive: true }),
    ]),
  ) as DefaultedOptions;
  return { baseURL: input.baseURL, ...options, reconnect: reconnectOptions(input.reconnect), ...debugHookOption(input.debugHook) };
}

function debugHookOption(value: unknown): { debugHook?: (entry: DebugEntry) => void } {
  if (value === undefined) return {};
  if (typeof value !== 'function') throw invalidOption('debugHook', 'debugHook must be a function');
  return { debugHook: value as (entry: DebugEntry) => void };
}

/** `https://cc.example.com/agent` -> `wss://cc.example.com/agent/ws?v=1`. */
export function webSocketUrlFor(baseURL: string): string {
  const url = new URL(baseURL);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${WEBSOCKET_PATH}`;
  return versionedWebSocketUrl(url.toString());
}

/** An explicit login `webSocketUrl`: path kept, http(s) turned into ws(s), the protocol version added. */
export function versionedWebSocketUrl(address: string): string {
  const url = new URL(address);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  url.hash = '';
  url.searchParams.set('v', String(PROTOCOL_VERSION));
  return url.toString();
}

function reconnectOptions(input: unknown): ReconnectOptions {
  if (input === undefined) input = {};
  if (!isRecord(input)) throw invalidOption('reconnect', 'reconnect must be an object');
  refuseUnknownOptions(input, RECONNECT_OPTION_NAMES, 'reconnect.');
  const maxAttempts = input.maxAttempts ?? Infinity;
  if (typeof maxAttempts !== 'number' || !(maxAttempts >= 0) || (Number.isFinite(maxAttempts) && !Number.isInteger(maxAttempts))) {
    throw invalidOption('reconnect.maxAttempts', 'reconnect.maxAttempts must be a whole number >= 0 or Infinity');
  }
  return {
    initialDelayMs: durationOption(input, 'initialDelayMs', 500, { prefix: 'reconnect.' }),
    maxDelayMs: durationOption(input, 'maxDelayMs', 30_000, { prefix: 'reconnect.' }),
    maxAttempts,
  };
}

function refuseUnknownOptions(input: Record<string, unknown>, known: ReadonlySet<string>, prefix: string): void {
  const unknown = Object.keys(input).find((name) => !known.has(name));
  if (unknown === undefined) return;
  const field = `${prefix}${unknown}`;
  throw invalidOption(field, `${field} is not an option of setup; the options are ${[...known].map((name) => prefix + name).join(', ')}`);
}

function booleanOption(input: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = input[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalidOption(name, `${name} must be a boolean`);
  return value;
}

function durationOption(
  input: Record<string, unknown>,
  name: string,
  fallback: number,
  { positive = false, prefix = '' }: { positive?: boolean; prefix?: string },
): number {
  const value = input[name];
  if (value === undefined) return fallback;
  const field = `${prefix}${name}`;
  if (typeof value !== 'number' || !(value >= 0) || value > MAX_TIMER_MS || (positive && value === 0)) {
    throw invalidOption(field, `${field} must be a ${positive ? 'positive' : 'non-negative'} number of milliseconds up to ${MAX_TIMER_MS}`);
  }
  return value;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function invalidOption(field: string, message: string): AgentSdkError {
  return new AgentSdkError(ErrorCodes.INVALID_PARAMS, message, { field });
}
