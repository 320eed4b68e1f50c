/** What a console browser test file shares: a gateway, its simulator API and a Chromium, started before the file's tests and closed after. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { closeClients } from './agent-client.js';
import { assertConsoleBuilt, launchBrowser } from './browser.js';
import { simulatorApi, type SimulatorApi } from './simulator.js';
import { startTestGateway, type TestGateway } from './test-gateway.js';

export interface ConsoleTestBed {
  gateway: TestGateway;
  sim: SimulatorApi;
  browser: Browser;
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
  afterAll(async () => {
    closeClients();
    await bed.browser?.close();
    await bed.gateway?.close();
  }, 60_000);
  return bed;
}
