/**
 * A browser page that runs the script-tag SDK with a real softphone: headless Chromium with a fake microphone (a beep)
 * and automatic permission, on the test gateway's own origin (http://127.0.0.1 is a secure context, so the page may
 * use the microphone). WebRTC may use loopback, so media stays on 127.0.0.1.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';
import type { GatewayApi } from './test-gateway.js';

/** WebRTC between the page and the gateway stays on loopback; the remote audio element may play without a click. */
const SOFTPHONE_CHROMIUM_ARGS = [...CHROMIUM_ARGS, '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'];

/** `microphoneWav`: a WAV the fake microphone plays instead of Chromium's beep. */
export function launchSoftphoneBrowser(microphoneWav?: string): Promise<Browser> {
  const microphone = microphoneWav === undefined ? [] : [`--use-file-for-fake-audio-capture=${microphoneWav}`];
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...SOFTPHONE_CHROMIUM_ARGS, ...microphone] });
}

export interface SoftphonePage {
  page: Page;
  /** Errors the page reported (console errors, uncaught exceptions, failed requests). */
  problems: string[];
  /** The SDK's `audio_debug` lines. */
  audioLog: string[];
  /** Events the page's client emitted so far: names and payloads. */
  events(): Promise<{ event: string; data: any }[]>;
  /** Waits for an event whose payload matches `fields` (a subset), counting from the `from`-th event. */
  waitForEvent(event: string, fields?: Record<string, unknown>, timeoutMs?: number, from?: number): Promise<any>;
  /** Waits for the `count`-th event of that name emitted after the `from`-th event, and returns it. */
  waitForNth(event: string, count: number, from: number, timeoutMs?: number): Promise<any>;
  /** How many events the client has emitted so far. */
  eventCount(): Promise<number>;
  /** Signs an agent in with the softphone (endpointType 3). */
  signIn(agentNo: string): Promise<any>;
}

/**
 * Opens the gateway's origin, loads `/sdk/agent-sdk.js` with a script tag, and creates `window.client` with the given
 * setup options; every event it emits is recorded in `window.sdkEvents`.
 */
export async function openSoftphonePage(
  browser: Browser,
  gateway: GatewayApi,
  setup: Record<string, unknown> = {},
  prepare?: (page: Page) => Promise<void>,
): Promise<SoftphonePage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  const audioLog: string[] = [];
  page.on('console', (message) => {
    if (message.text().startsWith('[AgentSDK audio]')) audioLog.push(message.text());
    // The browser's own report of a failed request is recorded, with its URL, by the response handler.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  if (prepare) await prepare(page);
  await page.goto(`${gateway.url}/healthz`);
  await page.addScriptTag({ url: '/sdk/agent-sdk.js' });
  await page.evaluate((options) => {
    const sdk = (window as any).AgentSDK;
    const client = sdk.createAgentSdk({ baseURL: location.origin, ...options });
    const recorded: { event: string; data: unknown }[] = [];
    for (const event of Object.values(sdk.EventType) as string[]) client.on(event, (data: unknown) => recorded.push({ event, data }));
    Object.assign(window, { client, sdkEvents: recorded });
  }, setup);

  const events = (): Promise<{ event: string; data: any }[]> => page.evaluate(() => JSON.parse(JSON.stringify((window as any).sdkEvents)));
  return {
    page,
    problems,
    audioLog,
    events,
    async waitForEvent(event, fields = {}, timeoutMs = 10_000, from = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await events())
          .slice(from)
          .find((entry) => entry.event === event && Object.entries(fields).every(([key, value]) => entry.data?.[key] === value));
        if (found) return found.data;
        if (Date.now() > deadline) {
          const seen = (await events())
            .slice(from)
            .map((entry) =>
              entry.event === 'softphoneState'
                ? `softphoneState(${entry.data.state}${entry.data.reason ? `: ${entry.data.reason}` : ''})`
                : entry.event,
            );
          throw new Error(`no ${event} ${JSON.stringify(fields)} within ${timeoutMs} ms; saw: ${seen.join(', ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async waitForNth(event, count, from, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await events()).slice(from).filter((entry) => entry.event === event);
        if (found.length >= count) return found[count - 1]!.data;
        if (Date.now() > deadline) throw new Error(`only ${found.length} of ${count} ${event} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async eventCount() {
      return page.evaluate(() => (window as any).sdkEvents.length as number);
    },
    async signIn(agentNo) {
      const sessionKey = await gateway.issueKey(agentNo);
      return page.evaluate(
        ({ agentNo, sessionKey }) =>
          (window as any).client.login({
            tenantId: 'demo',
            agentNo,
            sessionKey,
            bindEndpoint: { endpointType: 3, endpoint: '' },
            initialStatus: 1,
          }),
        { agentNo, sessionKey },
      );
    },
  };
}

/** Runs an SDK operation in the page; resolves with its response, or with `{ error: { name, code, message } }`. */
export function callInPage(page: Page, operation: string, params?: unknown): Promise<any> {
  return page.evaluate(
    async ({ operation, params }) => {
      try {
        return await (window as any).client[operation](params);
      } catch (error: any) {
        return { error: { name: error?.name, code: error?.code, message: error?.message } };
      }
    },
    { operation, params },
  );
}
