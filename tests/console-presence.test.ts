/**
 * Presence for a team: the colleague pickers (transfer, consult, internal call) show each colleague's live state and
 * mark who cannot take a call; the wallboard shows an agent whose browser was closed as disconnected, not available,
 * and the gateway offers that agent no queue call.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './helpers/agent-client.js';
import { demoSignIn, openConsole, saveScreenshot, wallboardAgentState } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

const optionTexts = (page: Page) =>
  page.getByRole('dialog', { name: 'Transfer' }).getByRole('combobox', { name: 'Colleague' }).locator('option').allTextContents();

describe('presence', () => {
  it('shows colleagues live in the pickers and a closed browser as disconnected on the wallboard', async () => {
    const supervisor = await openConsole(bed.browser, bed.gateway.url, { width: 1440, height: 900 });
    const wallboard = supervisor.page;
    await demoSignIn(wallboard, '1008');
    await wallboard.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);

    // Emeka (1005) takes a queue call while he is the only one signed in.
    const agent = await openConsole(bed.browser, bed.gateway.url);
    const desk = agent.page;
    await demoSignIn(desk, '1005');
    await bed.sim.inbound('0', '13800138500');
    const call = desk.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);

    // Fatima (1006) takes a Billing call that ends: wrap-up.
    const fatima = await signIn(bed.gateway, '1006');
    const billingCall = await bed.sim.inbound('1', '13800138501');
    await fatima.log.waitFor('sessionInit', (event) => event.callId === billingCall);
    await bed.sim.hangup(billingCall);
    await fatima.log.waitFor('agentStatus', (status) => status.state === 'wrapup');

    // Bruno (1002) is at lunch, Alice (1001) is available.
    const bruno = await signIn(bed.gateway, '1002');
    await bruno.sdk.pause({ pauseType: 2, pauseDescription: 'LUNCH' });
    await signIn(bed.gateway, '1001');

    // Chloé (1003) signs in in a browser and closes it: she stays signed in, without a connection.
    const chloe = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(chloe.page, '1003');
    await expect.poll(() => wallboardAgentState(wallboard, 'Chloé Martin'), UI_TIMEOUT).toBe('Available');
    await chloe.page.context().close();
    await expect.poll(() => wallboardAgentState(wallboard, 'Chloé Martin'), UI_TIMEOUT).toBe('Disconnected');

    // A Technical Support call (Chloé, Dmitri, Grace) goes to Dmitri (1004), not to the disconnected Chloé.
    const dmitri = await signIn(bed.gateway, '1004');
    const supportCall = await bed.sim.inbound('2', '13800138502');
    await dmitri.log.waitFor('sessionInit', (event) => event.callId === supportCall);

    const { body } = await bed.gateway.api('GET', '/api/v1/tenants/demo/agents');
    expect(body.agents.find((presence: any) => presence.agentNo === '1003')).toMatchObject({
      state: 'idle',
      detachedSince: expect.any(Number),
    });

    await call.getByRole('button', { name: 'Transfer…' }).click();
    await expect
      .poll(() => optionTexts(desk), UI_TIMEOUT)
      .toEqual([
        'Alice Chen · 1001 — Available',
        'Bruno Silva · 1002 — Busy · LUNCH (unavailable)',
        'Chloé Martin · 1003 — Disconnected (unavailable)',
        'Dmitri Volkov · 1004 — On a call (unavailable)',
        'Fatima Zahra · 1006 — Wrap-up (unavailable)',
        'Grace Kim · 1007 — Offline (unavailable)',
        'Hiro Tanaka · 1008 — Available',
      ]);
    const transfer = desk.getByRole('dialog', { name: 'Transfer' });
    await transfer.getByRole('combobox', { name: 'Colleague' }).selectOption('1002');
    await transfer.getByText('Bruno Silva cannot take a call now.').waitFor(UI_TIMEOUT);
    // The picker in a CRM side panel.
    await desk.setViewportSize({ width: 360, height: 740 });
    await saveScreenshot(desk, 'narrow-colleague-presence.png');
    await desk.setViewportSize({ width: 1280, height: 720 });
    await transfer.getByRole('combobox', { name: 'Colleague' }).selectOption('1001');
    await transfer.getByText('cannot take a call now', { exact: false }).waitFor({ state: 'detached', ...UI_TIMEOUT });

    // Live: Bruno is back from lunch while the dialog is open.
    await bruno.sdk.unpause();
    await expect.poll(async () => (await optionTexts(desk))[1], UI_TIMEOUT).toBe('Bruno Silva · 1002 — Available');
    await transfer.getByRole('button', { name: 'Cancel' }).click();

    expect(agent.problems).toEqual([]);
    expect(supervisor.problems).toEqual([]);
    await desk.context().close();
    await wallboard.context().close();
  }, 60_000);
});
