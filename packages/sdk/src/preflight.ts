/**
 * `AgentSDK.preflight()`: before sign-in, can this page work with the gateway? Each check reports pass, warn or fail
 * with what it saw: the gateway answers over HTTP, a WebSocket opens and answers a ping, the clocks agree, and for
 * softphone agents the microphone is allowed and present, ICE gathers candidates and audio crosses a peer connection.
 */
import { webSocketUrlFor } from './config.js';
import { checkIce, checkMediaLoopback, type IceCheck, type MediaLoopbackCheck } from './preflight-webrtc.js';
import { loadWebSocket } from './websocket-factory.js';
import type { WebSocketConstructor } from './websocket-like.js';

import type { PreflightCheck, PreflightStatus } from './preflight-check.js';

export interface PreflightReport {
  /** The worst status of the checks. */
  status: PreflightStatus;
  gateway: PreflightCheck;
  webSocket: PreflightCheck;
  /** `skewMs`: the gateway's clock minus the page's. */
  clockSkew: PreflightCheck & { skewMs?: number };
  /** Softphone agents only (`preflight({ softphone: true })`). */
  microphone?: PreflightCheck;
  audioDevices?: PreflightCheck;
  /** Softphone agents: ICE candidates gathered, by type (with `iceServers`, a STUN or TURN server must answer). */
  ice?: IceCheck;
  /** Softphone agents: a short call between two peer connections of this page, with the microphone's audio. */
  mediaLoopback?: MediaLoopbackCheck;
}

export interface PreflightOptions {
  /** Also check what the WebRTC softphone needs: microphone permission and audio devices. */
  softphone?: boolean;
  /** Per check. Default 5000. */
  timeoutMs?: number;
  /**
   * STUN / TURN servers the ICE check gathers against (the tenant's `webrtcStunServer`, your TURN servers). Without
   * them only host candidates are gathered.
   */
  iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
}

const WEBSOCKET_RTT_WARN_MS = 300;
const CLOCK_SKEW_WARN_MS = 2_000;
const CLOCK_SKEW_FAIL_MS = 30_000;
const ORDER: readonly PreflightStatus[] = ['pass', 'warn', 'fail'];

export async function runPreflight(baseURL: string, options: PreflightOptions = {}): Promise<PreflightReport> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const [http, webSocket] = await Promise.all([checkGateway(baseURL, timeoutMs), checkWebSocket(baseURL, timeoutMs)]);
  const report: PreflightReport = { status: 'pass', gateway: http.check, webSocket, clockSkew: http.clockSkew };
  if (options.softphone) {
    Object.assign(report, await checkAudio());
    report.ice = await checkIce(options.iceServers ?? [], timeoutMs);
    report.mediaLoopback = await checkMediaLoopback(timeoutMs);
  }
  const checks = [
    report.gateway,
    report.webSocket,
    report.clockSkew,
    report.microphone,
    report.audioDevices,
    report.ice,
    report.mediaLoopback,
  ];
  report.status = checks.reduce<PreflightStatus>(
    (worst, check) => (check && ORDER.indexOf(check.status) > ORDER.indexOf(worst) ? check.status : worst),
    'pass',
  );
  return report;
}

async function checkGateway(
  baseURL: string,
  timeoutMs: number,
): Promise<{ check: PreflightCheck; clockSkew: PreflightReport['clockSkew'] }> {
  const url = new URL(`${new URL(baseURL).pathname.replace(/\/+$/, '')}/healthz`, baseURL).toString();
  const started = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const ended = Date.now();
    const ms = ended - started;
    if (!response.ok) {
      return {
        check: { status: 'fail', detail: `GET ${url} answered ${response.status}`, ms },
        clockSkew: { status: 'warn', detail: 'not measured: the gateway did not answer' },
      };
    }
    const body = (await response.json().catch(() => ({}))) as { time?: unknown };
    return {
      check: { status: 'pass', detail: `GET ${url} answered in ${ms} ms`, ms },
      clockSkew: clockSkewOf(body.time, response.headers.get('date'), started, ended),
    };
  } catch (error) {
    const detail = `GET ${url} failed: ${error instanceof Error ? error.message : String(error)}`;
    return {
      check: { status: 'fail', detail, ms: Date.now() - started },
      clockSkew: { status: 'warn', detail: 'not measured: the gateway did not answer' },
    };
  }
}

/** The gateway's time (its /healthz `time`, else its Date header) against the middle of the request. */
function clockSkewOf(time: unknown, dateHeader: string | null, started: number, ended: number): PreflightReport['clockSkew'] {
  const serverTime = typeof time === 'number' ? time : dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  if (!Number.isFinite(serverTime)) return { status: 'warn', detail: 'not measured: the gateway did not tell its time' };
  const skewMs = Math.round(serverTime - (started + ended) / 2);
  const size = Math.abs(skewMs);
  const status = size < CLOCK_SKEW_WARN_MS ? 'pass' : size < CLOCK_SKEW_FAIL_MS ? 'warn' : 'fail';
  return { status, skewMs, detail: `the gateway's clock is ${size} ms ${skewMs >= 0 ? 'ahead of' : 'behind'} this page's` };
}

async function checkWebSocket(baseURL: string, timeoutMs: number): Promise<PreflightCheck> {
  const url = webSocketUrlFor(baseURL);
  const started = Date.now();
  let WebSocketImpl: WebSocketConstructor;
  try {
    WebSocketImpl = await loadWebSocket();
  } catch (error) {
    return { status: 'fail', detail: error instanceof Error ? error.message : String(error) };
  }
  return new Promise((resolve) => {
    const socket = new WebSocketImpl(url);
    let pingSentAt = 0;
    const finish = (check: PreflightCheck) => {
      clearTimeout(timer);
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.onerror = () => undefined;
      try {
        socket.close(1000, 'preflight');
      } catch {
        // Closing a socket that never opened may throw; the check is over either way.
      }
      resolve(check);
    };
    const timer = setTimeout(
      () => finish({ status: 'fail', detail: `${url}: no answer within ${timeoutMs} ms`, ms: Date.now() - started }),
      timeoutMs,
    );
    socket.onopen = () => {
      pingSentAt = Date.now();
      socket.send(JSON.stringify({ type: 'ping', ts: pingSentAt }));
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string' || !event.data.includes('"pong"')) return;
      const ms = Date.now() - pingSentAt;
      const status = ms < WEBSOCKET_RTT_WARN_MS ? 'pass' : 'warn';
      finish({ status, detail: `${url}: opened in ${pingSentAt - started} ms, ping answered in ${ms} ms`, ms });
    };
    socket.onerror = () => finish({ status: 'fail', detail: `${url}: the WebSocket could not be opened`, ms: Date.now() - started });
    socket.onclose = (event) =>
      finish({ status: 'fail', detail: `${url}: closed with ${event.code} ${event.reason}`.trim(), ms: Date.now() - started });
  });
}

interface MediaDevicesLike {
  enumerateDevices(): Promise<{ kind: string }[]>;
}

async function checkAudio(): Promise<Pick<PreflightReport, 'microphone' | 'audioDevices'>> {
  const navigator = (
    globalThis as {
      navigator?: { mediaDevices?: MediaDevicesLike; permissions?: { query(d: { name: string }): Promise<{ state: string }> } };
    }
  ).navigator;
  const mediaDevices = navigator?.mediaDevices;
  if (mediaDevices === undefined) {
    const detail = 'no navigator.mediaDevices: the page must be served over HTTPS (or from localhost) in a browser with WebRTC';
    return { microphone: { status: 'fail', detail }, audioDevices: { status: 'fail', detail } };
  }
  const permission = await navigator?.permissions
    ?.query({ name: 'microphone' })
    .then((result) => result.state)
    .catch(() => undefined);
  const microphone: PreflightCheck =
    permission === 'granted'
      ? { status: 'pass', detail: 'microphone allowed' }
      : permission === 'denied'
        ? { status: 'fail', detail: 'microphone blocked for this site: allow it in the browser settings' }
        : { status: 'warn', detail: 'the browser will ask for the microphone at the first call' };
  const devices = await mediaDevices.enumerateDevices().catch(() => []);
  const inputs = devices.filter((device) => device.kind === 'audioinput').length;
  const outputs = devices.filter((device) => device.kind === 'audiooutput').length;
  const audioDevices: PreflightCheck =
    inputs === 0
      ? { status: 'fail', detail: 'no microphone found' }
      : { status: 'pass', detail: `${inputs} microphone(s), ${outputs} speaker(s)` };
  return { microphone, audioDevices };
}
