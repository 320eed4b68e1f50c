/**
 * The softphone card tells the truth about audio. With WebRTC allowed on loopback the agent answers a customer in the
 * console and sees audio flowing, a level meter and the call quality (MOS, loss, jitter) from `webrtcStats`. In a
 * browser that may not use loopback candidates, ICE never completes: after 5 s the card warns that no audio arrives
 * and what to check, and the top bar no longer says "Softphone ready".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertConsoleBuilt, launchBrowser, openConsole, saveScreenshot } from './helpers/browser.js';
import { launchSoftphoneBrowser } from './helpers/softphone-page.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const UI_TIMEOUT = { timeout: 10_000 };

let gateway: TestGateway;
let sim: SimulatorApi;
const browsers: Browser[] = [];

beforeAll(async () => {
  assertConsoleBuilt();
  // No STUN server: candidates stay on loopback and nothing is sent off the machine.
  gateway = await startTestGateway({ tenants: [await demoTenant({ webrtc: { stunServer: '' } })] });
  sim = simulatorApi(gateway);
}, 60_000);

afterEach(async () => {
  for (const call of await sim.calls()) await sim.hangup(call.callId).catch(() => undefined);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await gateway?.close();
}, 60_000);

/** Signs in on the softphone and answers a customer's call from the incoming banner, or with its shortcut. */
async function answerOnSoftphone(
  browser: Browser,
  agentNo: string,
  customer: string,
  answerWith: 'click' | 'Alt+A',
): Promise<{ page: Page; problems: string[] }> {
  browsers.push(browser);
  const { page, problems } = await openConsole(browser, gateway.url);
  await page.getByLabel('Agent', { exact: true }).selectOption(agentNo);
  await page.getByRole('radio', { name: 'Softphone' }).check();
  await page.getByRole('button', { name: 'Demo sign-in' }).click();
  await page.getByRole('status').filter({ hasText: 'Softphone ready' }).waitFor(UI_TIMEOUT);
  await sim.inbound('0', customer);
  const answer = page.getByRole('alert').filter({ hasText: 'Incoming call' }).getByRole('button', { name: 'Answer' });
  if (answerWith === 'click') await answer.click();
  else {
    expect(await answer.getAttribute('aria-keyshortcuts')).toBe('Alt+A');
    await page.keyboard.press('Alt+KeyA');
  }
  await page.getByRole('region', { name: 'Current call' }).waitFor(UI_TIMEOUT);
  return { page, problems };
}

describe('softphone media in the console', () => {
  it('shows audio flowing, its level and the call quality', async () => {
    const { page, problems } = await answerOnSoftphone(await launchSoftphoneBrowser(), '1001', '13800138101', 'Alt+A');
    const audio = page.getByRole('region', { name: 'Call audio' });
    await audio.getByText('Audio flowing').waitFor(UI_TIMEOUT);
    expect(await audio.textContent()).toContain('Media connected');
    await expect
      .poll(async () => Number(await audio.getByRole('meter', { name: 'Caller audio level' }).getAttribute('aria-valuenow')), UI_TIMEOUT)
      .toBeGreaterThan(0);
    expect(await audio.textContent()).toMatch(/MOS\s*4\.\d/);
    expect(await audio.textContent()).toMatch(/Loss\s*0%/);
    expect(await page.getByRole('alert').filter({ hasText: 'No audio' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Hang up' }).click();
    await audio.waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(problems).toEqual([]);
  }, 60_000);

  it('warns after 5 s when ICE never completes and no audio arrives', async () => {
    // Without --allow-loopback-in-peer-connection Chromium ignores the gateway's loopback candidates.
    const { page, problems } = await answerOnSoftphone(await launchBrowser(), '1002', '13800138102', 'click');
    const call = page.getByRole('region', { name: 'Current call' });
    const warning = call.getByRole('alert').filter({ hasText: 'No audio has reached you' });
    await warning.waitFor({ timeout: 12_000 });
    expect(await warning.textContent()).toContain('UDP');
    expect(await call.getByText('Connected · no audio').isVisible()).toBe(true);
    expect(await call.textContent()).not.toContain('MOS');
    // The top bar's indicator ticks every second.
    await page.getByRole('status').filter({ hasText: 'Softphone: no audio' }).waitFor(UI_TIMEOUT);
    expect(await page.getByRole('status').filter({ hasText: 'Softphone ready' }).count()).toBe(0);
    await saveScreenshot(page, 'softphone-no-audio.png');
    expect(problems).toEqual([]);
  }, 60_000);
});
