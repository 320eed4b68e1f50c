/**
 * The supervisor wallboard in a real browser: supervisor 1008 signs in and sees the demo tenant's agents; while the
 * gateway does not serve getQueueStatus yet, the board says so and refusals of supervisor actions are toasts, not
 * errors. Once getQueueStatus lands, the board shows live data instead.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { assertConsoleBuilt, demoSignIn, launchBrowser, openConsole, saveScreenshot } from './helpers/browser.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const UI_TIMEOUT = { timeout: 10_000 };
const DEMO_AGENTS = ['Alice Chen', 'Bruno Silva', 'Chloé Martin', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra', 'Grace Kim'];

let gateway: TestGateway;
let browser: Browser;

beforeAll(async () => {
  assertConsoleBuilt();
  gateway = await startTestGateway();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  closeClients();
  await browser?.close();
  await gateway?.close();
}, 60_000);

describe('supervisor wallboard', () => {
  it('lists the tenant agents and handles queue status whether or not the gateway serves it', async () => {
    await signIn(gateway, '1003');
    const { page, problems } = await openConsole(browser, gateway.url);

    await demoSignIn(page, '1008');
    await page.getByRole('heading', { name: 'Wallboard' }).waitFor(UI_TIMEOUT);
    const agents = page.getByRole('region', { name: 'Agents' });
    for (const name of DEMO_AGENTS) await agents.getByRole('rowheader', { name: new RegExp(name) }).waitFor(UI_TIMEOUT);
    const queues = page.getByRole('region', { name: 'Queues' });
    for (const name of ['General', 'Billing', 'Technical Support']) await queues.getByRole('heading', { name }).waitFor(UI_TIMEOUT);

    const notAvailable = page.getByText('Live queue status is not available on this gateway yet.');
    const live = page.getByText(/^Live · updated/);
    await notAvailable.or(live).waitFor(UI_TIMEOUT);

    if (await notAvailable.isVisible()) {
      // A supervisor action the gateway refuses: a toast with its message, nothing in the console.
      await agents.getByRole('button', { name: 'Listen to Alice Chen (1001)' }).click();
      await page.getByRole('status', { name: 'Notifications' }).getByText('Listen: refused by the gateway').waitFor(UI_TIMEOUT);
    } else {
      await agents.getByRole('row', { name: /Chloé Martin/ }).getByText('Available').waitFor(UI_TIMEOUT);
    }

    // The Manage menu works from the keyboard.
    const manage = agents.getByRole('button', { name: 'Manage Bruno Silva (1002)' });
    await manage.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menuitem', { name: 'Force busy' }).waitFor(UI_TIMEOUT);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(await manage.evaluate((element) => element === document.activeElement)).toBe(true);

    await saveScreenshot(page, 'wallboard.png');
    expect(problems).toEqual([]);
  }, 60_000);
});
