/**
 * Recordings in recent calls: an agent answers a customer on the browser softphone, so the call has real media and is
 * recorded; its row in recent calls plays the recording in an audio element. A call without media has none to play.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { assertConsoleBuilt, openConsole } from './helpers/browser.js';
import { launchSoftphoneBrowser } from './helpers/softphone-page.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, temporaryDataDir, type TestGateway } from './helpers/test-gateway.js';

const UI_TIMEOUT = { timeout: 10_000 };
const CUSTOMER = '13800138301';

const dataDir = temporaryDataDir();
let gateway: TestGateway;
let sim: SimulatorApi;
let browser: Browser;

beforeAll(async () => {
  assertConsoleBuilt();
  // No STUN server: candidates stay on loopback and nothing is sent off the machine.
  gateway = await startTestGateway({ dataDir: dataDir.path, tenants: [await demoTenant({ webrtc: { stunServer: '' } })] });
  sim = simulatorApi(gateway);
  browser = await launchSoftphoneBrowser();
}, 60_000);

afterAll(async () => {
  closeClients();
  await browser?.close();
  await gateway?.close();
  dataDir.remove();
}, 60_000);

describe('recording playback', () => {
  it('plays the recording of a softphone call from recent calls', async () => {
    const { page, problems } = await openConsole(browser, gateway.url);
    await page.getByLabel('Agent', { exact: true }).selectOption('1001');
    await page.getByRole('radio', { name: 'Softphone' }).check();
    await page.getByRole('button', { name: 'Demo sign-in' }).click();
    await page.getByRole('status').filter({ hasText: 'Softphone ready' }).waitFor(UI_TIMEOUT);

    const callId = await sim.inbound('0', CUSTOMER);
    await page.getByRole('alert').filter({ hasText: 'Incoming call' }).getByRole('button', { name: 'Answer' }).click();
    const audio = page.getByRole('region', { name: 'Call audio' });
    await audio.getByText('Audio flowing').waitFor(UI_TIMEOUT);
    // Two seconds of conversation, counted by the customer's leg.
    await expect
      .poll(
        async () => Date.now() - ((await sim.call(callId))?.legs.find((leg: any) => leg.party === 'customer')?.answeredAt ?? Date.now()),
        UI_TIMEOUT,
      )
      .toBeGreaterThan(2_000);
    await page.getByRole('button', { name: 'Hang up' }).click();

    const recent = page.getByRole('region', { name: 'Recent calls' });
    const play = recent.getByRole('button', { name: `Play the recording of the call with ${CUSTOMER}` });
    await play.waitFor(UI_TIMEOUT);
    const { body } = await gateway.api('GET', '/api/v1/tenants/demo/cdrs?agentNo=1001');
    expect(body.records[0]).toMatchObject({ callId, recordingUrl: `/api/v1/tenants/demo/cdrs/${callId}/recording` });

    await play.click();
    const player = page.getByRole('region', { name: 'Recording' });
    const element = player.locator('audio');
    await element.waitFor(UI_TIMEOUT);
    expect(await element.getAttribute('aria-label')).toContain(`the call with ${CUSTOMER}`);
    await expect
      .poll(() => element.evaluate((node: HTMLAudioElement) => (Number.isFinite(node.duration) ? node.duration : 0)), UI_TIMEOUT)
      .toBeGreaterThan(1.5);
    await expect.poll(() => element.evaluate((node: HTMLAudioElement) => node.currentTime), UI_TIMEOUT).toBeGreaterThan(0);
    await player.getByRole('button', { name: 'Close the recording' }).click();
    await player.waitFor({ state: 'detached', ...UI_TIMEOUT });

    // A call between simulated phones has no media, so no recording and nothing to play.
    const agent = await signIn(gateway, '1006');
    const simulated = await sim.inbound('1', '13800138302');
    await agent.log.waitFor('sessionInit', (event) => event.callId === simulated);
    await sim.hangup(simulated);
    await agent.log.waitFor('sessionTerminate', (event) => event.callId === simulated);
    await expect
      .poll(async () => (await gateway.api('GET', '/api/v1/tenants/demo/cdrs?agentNo=1006')).body.records.length, UI_TIMEOUT)
      .toBe(1);
    expect((await gateway.api('GET', '/api/v1/tenants/demo/cdrs?agentNo=1006')).body.records[0]).not.toHaveProperty('recordingUrl');
    expect(problems).toEqual([]);
  }, 60_000);
});
