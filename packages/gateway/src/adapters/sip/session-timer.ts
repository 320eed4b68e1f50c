/**
 * RFC 4028 session timers for one dialog: the refresher re-INVITEs at half the interval; the other side ends the
 * dialog (BYE) when no refresh came a little before the interval ran out (§10: interval − min(32 s, interval / 3)).
 * With the headers that negotiate it: Session-Expires (`<seconds>;refresher=uac|uas`) and Min-SE.
 */
import { header, type SipMessage } from '../webrtc-edge/sip-message.js';

export interface SessionTimerSettings {
  /** The interval the gateway asks for. Default 1800 s. */
  expiresS: number;
  /** The shortest interval it accepts (Min-SE, 422 below it). Default 90 s, RFC 4028's floor. */
  minExpiresS: number;
}

export const DEFAULT_SESSION_TIMER: SessionTimerSettings = { expiresS: 1_800, minExpiresS: 90 };

export interface SessionExpires {
  seconds: number;
  refresher: 'uac' | 'uas' | undefined;
}

/** The Session-Expires of a message (also its compact form `x`); undefined when absent or unreadable. */
export function sessionExpiresOf(message: SipMessage): SessionExpires | undefined {
  const value = header(message, 'session-expires') ?? header(message, 'x');
  const match = value === undefined ? null : /^\s*(\d{1,9})\s*(?:;(.*))?$/.exec(value);
  if (!match) return undefined;
  const refresher = /(?:^|;)\s*refresher\s*=\s*(uac|uas)\b/i.exec(match[2] ?? '')?.[1]?.toLowerCase();
  return { seconds: Number(match[1]), refresher: refresher as SessionExpires['refresher'] };
}

export function minSessionExpiresOf(message: SipMessage): number | undefined {
  const value = /^\s*(\d{1,9})/.exec(header(message, 'min-se') ?? '')?.[1];
  return value === undefined ? undefined : Number(value);
}

/** Whether a message says its sender supports session timers (`Supported: timer` or `Require: timer`). */
export function supportsTimer(message: SipMessage): boolean {
  return [header(message, 'supported') ?? '', header(message, 'require') ?? '', header(message, 'k') ?? ''].some((value) =>
    /(^|,)\s*timer\s*(,|$)/i.test(value),
  );
}

export class SessionTimer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly refresh: () => void,
    private readonly expired: () => void,
  ) {}

  /** (Re)starts the interval: the gateway refreshes at its half, or expects a refresh before it ends. */
  start(seconds: number, gatewayRefreshes: boolean): void {
    this.stop();
    const afterMs = gatewayRefreshes ? (seconds * 1000) / 2 : (seconds - Math.min(32, seconds / 3)) * 1000;
    this.timer = setTimeout(gatewayRefreshes ? this.refresh : this.expired, afterMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
