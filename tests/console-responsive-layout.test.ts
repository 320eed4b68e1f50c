/**
 * The console from a 360 px CRM side panel to a wallboard on a wide screen: at 360, 768 and 1440 px every control of
 * the sign-in screen, the agent desktop (idle, with the simulator open, in a call with its Transfer, Consult and IVR dialogs,
 * in wrap-up) and the wallboard can be
 * scrolled into view and is not clipped by the viewport or a scroll container; the page never scrolls sideways.
 * Narrow screenshots go to the docs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients } from './helpers/agent-client.js';
import { assertConsoleBuilt, demoSignIn, launchBrowser, openConsole, saveScreenshot } from './helpers/browser.js';
import { leaveNothingBehind } from './helpers/console-test-bed.js';
import { unreachableControls } from './helpers/reachability.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

const UI_TIMEOUT = { timeout: 10_000 };
const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 768, height: 1024 },
  { width: 1440, height: 900 },
];

let gateway: TestGateway;
let sim: SimulatorApi;
let browser: Browser;

beforeAll(async () => {
  assertConsoleBuilt();
  gateway = await startTestGateway();
  sim = simulatorApi(gateway);
  browser = await launchBrowser();
}, 60_000);

/** A failed test leaves no call and no signed-in page behind for the next viewport. */
afterEach(() => leaveNothingBehind(browser, sim), 60_000);

afterAll(async () => {
  closeClients();
  await browser?.close();
  await gateway?.close();
}, 60_000);

async function expectAllReachable(page: Page, screen: string): Promise<void> {
  const width = page.viewportSize()?.width;
  expect(await unreachableControls(page), `${screen} at ${width} px`).toEqual([]);
}

describe.each(VIEWPORTS)('console at $width px', (viewport) => {
  const narrow = viewport.width === 360;

  it('sign-in: every control is reachable', async () => {
    const { page, problems } = await openConsole(browser, gateway.url, viewport);
    await page.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    if (narrow) await saveScreenshot(page, 'narrow-sign-in.png');
    await expectAllReachable(page, 'sign-in');
    expect(problems).toEqual([]);
  }, 60_000);

  it('agent desktop: every control is reachable when idle and during a call', async () => {
    const { page, problems } = await openConsole(browser, gateway.url, viewport);
    await demoSignIn(page, '1005');
    await page.getByText('Ready for the next call').waitFor(UI_TIMEOUT);
    await page
      .getByRole('region', { name: 'Recent calls' })
      .getByText('Loading…')
      .waitFor({ state: 'detached', ...UI_TIMEOUT });
    if (narrow) await saveScreenshot(page, 'narrow-agent-idle.png');
    await expectAllReachable(page, 'agent desktop, idle');
    await page.getByRole('button', { name: 'Simulator' }).click();
    await page.getByRole('complementary', { name: 'Carrier simulator' }).waitFor(UI_TIMEOUT);
    await expectAllReachable(page, 'agent desktop with the simulator open');
    await page.getByRole('button', { name: 'Close the simulator' }).click();

    const callId = await sim.inbound('0', '13800138360');
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    if (narrow) await saveScreenshot(page, 'narrow-agent-in-call.png');
    await expectAllReachable(page, 'agent desktop, in a call');
    for (const [control, dialog] of [
      ['Transfer…', 'Transfer'],
      ['Consult…', 'Consult'],
      ['IVR…', 'Send to IVR'],
    ] as const) {
      await call.getByRole('button', { name: control }).click();
      const open = page.getByRole('dialog', { name: dialog });
      await open.waitFor(UI_TIMEOUT);
      await expectAllReachable(page, `the ${dialog} dialog`);
      await open.getByRole('button', { name: 'Cancel' }).click();
      await open.waitFor({ state: 'hidden', ...UI_TIMEOUT });
    }

    await sim.hangup(callId);
    await page.getByRole('timer', { name: /^Wrap-up/ }).waitFor(UI_TIMEOUT);
    await expectAllReachable(page, 'agent desktop, wrap-up');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    expect(problems).toEqual([]);
  }, 60_000);

  it('wallboard: every control is reachable', async () => {
    const { page, problems } = await openConsole(browser, gateway.url, viewport);
    await demoSignIn(page, '1008');
    await page.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    if (narrow) await saveScreenshot(page, 'narrow-wallboard.png');
    await expectAllReachable(page, 'wallboard');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    expect(problems).toEqual([]);
  }, 60_000);
});
