/**
 * Supervisor actions with guardrails and context on both sides, in two browsers: disconnect and sign-out ask first;
 * the agent's desk says a supervisor ended the call, forced them busy or signed them out; the wallboard shows the
 * pause reason ("Busy · LUNCH"); and a wallboard that lost its connection says "Disconnected · last update …"
 * instead of "Live".
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole, saveScreenshot, wallboardAgentState } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

const notice = (desk: Page) => desk.getByRole('status', { name: 'Supervisor action' });

describe('supervisor guardrails', () => {
  it('confirms disruptive actions and tells the agent who did what', async () => {
    const supervisor = await openConsole(bed.browser, bed.gateway.url, { width: 1440, height: 900 });
    const wallboard = supervisor.page;
    await demoSignIn(wallboard, '1008');
    await wallboard.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    const agent = await openConsole(bed.browser, bed.gateway.url);
    const desk = agent.page;
    await demoSignIn(desk, '1005');

    // The agent's own pause reason shows on the wallboard.
    await desk.getByRole('combobox', { name: 'Status' }).selectOption('busy:LUNCH');
    await expect.poll(() => wallboardAgentState(wallboard, 'Emeka Obi'), UI_TIMEOUT).toBe('Busy · LUNCH');
    await desk.getByRole('combobox', { name: 'Status' }).selectOption('idle');

    // Disconnect asks first; Cancel leaves the call alone.
    const callId = await bed.sim.inbound('0', '13800138900');
    const call = desk.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    const disconnect = wallboard.getByRole('button', { name: "Disconnect Emeka Obi (1005)'s call" });
    await expect.poll(() => disconnect.isEnabled(), UI_TIMEOUT).toBe(true);
    await disconnect.click();
    const confirmDisconnect = wallboard.getByRole('dialog', { name: "Disconnect Emeka Obi's call?" });
    await confirmDisconnect.waitFor(UI_TIMEOUT);
    expect(await confirmDisconnect.getByRole('button', { name: 'Cancel' }).evaluate((button) => button === document.activeElement)).toBe(
      true,
    );
    await confirmDisconnect.getByRole('button', { name: 'Cancel' }).click();
    await confirmDisconnect.waitFor({ state: 'hidden', ...UI_TIMEOUT });
    expect((await bed.sim.call(callId))?.legs.some((leg: any) => leg.state === 'answered')).toBe(true);

    await disconnect.click();
    await confirmDisconnect.getByRole('button', { name: 'Disconnect call' }).click();
    await notice(desk).getByText('A supervisor ended your call.').waitFor(UI_TIMEOUT);
    const lastCall = desk.getByRole('region', { name: 'Last call' });
    expect(await lastCall.getByText('A supervisor', { exact: true }).isVisible()).toBe(true);
    await desk.getByRole('button', { name: 'Ready now' }).click();

    // A forced busy is announced to the agent and shown with its reason on the wallboard.
    await expect.poll(() => wallboardAgentState(wallboard, 'Emeka Obi'), UI_TIMEOUT).toBe('Available');
    await wallboard.getByRole('button', { name: 'Manage Emeka Obi (1005)' }).click();
    await wallboard.getByRole('menuitem', { name: 'Force busy' }).click();
    await notice(desk).getByText('A supervisor set you to Busy', { exact: false }).waitFor(UI_TIMEOUT);
    await expect.poll(() => wallboardAgentState(wallboard, 'Emeka Obi'), UI_TIMEOUT).toBe('Busy · supervisor');
    await saveScreenshot(desk, 'agent-forced-busy.png');

    // Sign-out asks first, then the agent's desk says a supervisor did it.
    await wallboard.getByRole('button', { name: 'Manage Emeka Obi (1005)' }).click();
    await wallboard.getByRole('menuitem', { name: 'Sign out agent…' }).click();
    const confirmSignOut = wallboard.getByRole('dialog', { name: 'Sign out Emeka Obi?' });
    await confirmSignOut.getByRole('button', { name: 'Sign out agent' }).click();
    await desk.getByText('A supervisor signed you out.', { exact: false }).waitFor(UI_TIMEOUT);
    await desk.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    await expect.poll(() => wallboardAgentState(wallboard, 'Emeka Obi'), UI_TIMEOUT).toBe('Offline');

    expect(agent.problems).toEqual([]);
    expect(supervisor.problems).toEqual([]);
    await desk.context().close();
    await wallboard.context().close();
  }, 60_000);

  it('shows the wallboard as disconnected, with the time of the last update, while the bed.gateway is gone', async () => {
    const { page } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1008');
    await page.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    await bed.gateway.close();
    const stale = page.getByRole('status').filter({ hasText: /^Disconnected · last update \d\d:\d\d:\d\d$/ });
    await stale.waitFor(UI_TIMEOUT);
    expect(await page.getByText(/^Live · updated/).count()).toBe(0);
    await saveScreenshot(page, 'wallboard-disconnected.png');
    await page.context().close();
  }, 60_000);
});
