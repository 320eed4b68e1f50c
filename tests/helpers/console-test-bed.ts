/** What a console browser test file shares: a gateway, its simulator API and a Chromium, started before the file's tests and closed after. */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { closeClients } from './agent-client.js';
import { assertConsoleBuilt, launchBrowser } from './browser.js';
import { simulatorApi, type SimulatorApi } from './simulator.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

export interface ConsoleTestBed {
  gateway: TestGateway;
  sim: SimulatorApi;
  browser: Browser;
}

/**
 * What a test leaves behind, gone before the next test (or the next try of a failed one): each open page signed out
 * and closed, each simulated call hung up. A signed-in agent left idle would take the next test's call.
 */
export async function leaveNothingBehind(browser: Browser, sim: SimulatorApi): Promise<void> {
  for (const page of browser.contexts().flatMap((context) => context.pages())) {
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if (await signOut.isVisible()) await signOut.click({ timeout: 5_000 }).catch(() => undefined);
    await page
      .getByRole('button', { name: 'Demo sign-in' })
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await page.context().close();
  }
  // A test may have stopped the gateway itself.
  for (const call of await sim.calls().catch(() => [])) await sim.hangup(call.callId).catch(() => undefined);
}

/** Registers the file's set-up and tear-down; the returned fields are there once its tests run. */
export function consoleTestBed(): ConsoleTestBed {
  const bed = {} as ConsoleTestBed;
  beforeAll(async () => {
    assertConsoleBuilt();
    bed.gateway = await startTestGateway();
    bed.sim = simulatorApi(bed.gateway);
    bed.browser = await launchBrowser();
  }, 60_000);
  afterEach(async () => {
    if (bed.browser && bed.sim) await leaveNothingBehind(bed.browser, bed.sim);
  }, 60_000);
  afterAll(async () => {
    closeClients();
    await bed.browser?.close();
    await bed.gateway?.close();
  }, 60_000);
  return bed;
}
