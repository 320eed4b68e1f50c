/**
 * The agent desktop in a real browser against a real gateway: demo sign-in, busy and back, a simulated customer
 * calls the agent's queue (placed from the simulator panel), the call connects, hold and resume, hang up, wrap-up,
 * and the call in the recent calls; a sign-out asked for during a call happens once its wrap-up is over. No console
 * errors along the way.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { demoSignIn, openConsole, saveScreenshot } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';
import { expectNothingWithin } from './helpers/waiting.js';

const CUSTOMER = '13800138000';
const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

/** An earlier shift's call, so the desktop has some history: agent 1005 takes a call in Node, then signs out. */
async function earlierCall(): Promise<void> {
  const agent = await signIn(bed.gateway, '1005');
  const callId = await bed.sim.inbound('0', '13900139000');
  await agent.log.waitFor('sessionInit');
  await bed.sim.hangup(callId);
  await agent.log.waitFor('agentStatus', (status) => status.state === 'wrapup');
  expect((await agent.sdk.logout({ logoutMode: 1 })).code).toBe(0);
  closeClients();
}

const statusValue = (page: Page) => page.getByRole('combobox', { name: 'Status' }).inputValue();
const stateLabel = (page: Page) => page.locator('.top-bar .state-badge__label').textContent();

describe('agent desktop', () => {
  it('takes a queue call from sign-in to wrap-up', async () => {
    await earlierCall();
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await page.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    await saveScreenshot(page, 'sign-in.png');

    await demoSignIn(page, '1005');
    await expect.poll(() => statusValue(page), UI_TIMEOUT).toBe('idle');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');
    expect(await page.getByText('Emeka Obi', { exact: true }).isVisible()).toBe(true);

    await page.getByRole('combobox', { name: 'Status' }).selectOption('busy:MEETING');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Busy · MEETING');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('idle');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');

    // The simulator panel: the agent's phone answers after 1.5 s, then a customer calls queue 0.
    await page.getByRole('button', { name: 'Simulator' }).click();
    const simulator = page.getByRole('complementary', { name: 'Carrier simulator' });
    await simulator.getByLabel('Number', { exact: true }).fill('13600001005');
    await simulator.getByLabel('When rung, it').selectOption('answer');
    await simulator.getByLabel('Answer delay (ms)').fill('1500');
    await simulator.getByRole('button', { name: 'Apply' }).click();
    await simulator.getByText('13600001005: answers after 1500 ms').waitFor(UI_TIMEOUT);
    await simulator.getByLabel('Queue', { exact: true }).selectOption('0');
    await simulator.getByLabel('Caller number').fill(CUSTOMER);
    await simulator.getByRole('button', { name: 'Place call' }).click();

    const banner = page.getByRole('alert').filter({ hasText: 'Incoming call' });
    await banner.waitFor(UI_TIMEOUT);
    expect(await banner.textContent()).toContain(CUSTOMER);
    expect(await banner.textContent()).toContain('General');
    expect(await banner.getByRole('button', { name: 'Reject' }).isEnabled()).toBe(true);

    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await call.textContent()).toContain(CUSTOMER);
    await banner.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await simulator.getByText(`Hears Emeka Obi's phone`).waitFor(UI_TIMEOUT);

    await call.getByRole('button', { name: 'Hold' }).click();
    await call.getByText('On hold', { exact: true }).waitFor(UI_TIMEOUT);
    await simulator.getByText('Hears hold music').waitFor(UI_TIMEOUT);
    await call.getByRole('button', { name: 'Resume' }).click();
    await call.getByRole('button', { name: 'Hold' }).waitFor(UI_TIMEOUT);
    await call.getByText('On hold', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });

    await call.getByRole('button', { name: 'Keypad' }).click();
    await call.getByRole('group', { name: 'Send keys to the caller' }).getByRole('button', { name: '1', exact: true }).click();
    await simulator.getByText('keys received 1', { exact: false }).waitFor(UI_TIMEOUT);

    await page.getByRole('button', { name: 'Close the simulator' }).click();
    await saveScreenshot(page, 'agent-desktop.png');

    await call.getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('timer', { name: /^Wrap-up, 0:[0-5]\d left$/ }).waitFor(UI_TIMEOUT);
    expect(await page.getByRole('button', { name: 'Prolong 60 s' }).isVisible()).toBe(true);

    const recentCalls = page.getByRole('region', { name: 'Recent calls' });
    await recentCalls.getByRole('cell', { name: CUSTOMER }).waitFor(UI_TIMEOUT);
    expect(await recentCalls.textContent()).toContain('Completed');
    await saveScreenshot(page, 'agent-desktop-wrap-up.png');

    expect(problems).toEqual([]);
  }, 60_000);

  it('signs out after the call when asked during it, and says so on the sign-in screen', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1002');
    await bed.sim.inbound('1', '13800138002');
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You will be signed out after this call').waitFor(UI_TIMEOUT);
    // Still signed in and in the call: the sign-out waits for the call and its wrap-up.
    await expectNothingWithin(1_500, async () => expect(await call.getByText('Connected', { exact: true }).isVisible()).toBe(true));
    await call.getByRole('button', { name: 'Hang up' }).click();
    await page.getByRole('button', { name: 'Ready now' }).click();
    await page.getByText('You are signed out: the call and its wrap-up you were finishing are over.').waitFor(UI_TIMEOUT);
    await page.getByRole('button', { name: 'Demo sign-in' }).waitFor(UI_TIMEOUT);
    expect(problems).toEqual([]);
  }, 60_000);
});
