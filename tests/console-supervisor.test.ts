/**
 * The supervisor wallboard in a real browser: supervisor 1008 signs in and sees the demo tenant's agents and queues,
 * live. Then, without a reload, the board follows an agent going busy, a caller waiting in a queue with nobody idle
 * and an agent taking a call (the gateway's queueStatus push); the supervisor listens in (spy) and stops.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from './helpers/agent-client.js';
import { demoSignIn, openConsole, saveScreenshot, wallboardAgentState } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };
/** Well under the wallboard's 15 s safety poll: a change seen this fast was pushed (queueStatus), not polled. */
const PUSHED = { timeout: 5_000 };
const DEMO_AGENTS = ['Alice Chen', 'Bruno Silva', 'Chloé Martin', 'Dmitri Volkov', 'Emeka Obi', 'Fatima Zahra', 'Grace Kim'];
const SUPERVISOR_PHONE = '13600001008';
const FIRST_CALLER = '13800138801';
const SECOND_CALLER = '13800138802';

const bed = consoleTestBed();

/** The callers listed as waiting on a queue's card. */
const waitingIn = (page: Page, queueName: string) => page.getByRole('list', { name: `Callers waiting in ${queueName}` });
/** A headline number of the wallboard. */
const kpi = (page: Page, label: string) =>
  page
    .locator('.kpi')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')
    .textContent();

describe('supervisor wallboard', () => {
  it('lists the tenant agents and queues with their live state', async () => {
    const chloe = await signIn(bed.gateway, '1003');
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);

    await demoSignIn(page, '1008');
    await page.getByRole('heading', { name: 'Wallboard' }).waitFor(UI_TIMEOUT);
    const agents = page.getByRole('region', { name: 'Agents' });
    for (const name of DEMO_AGENTS) await agents.getByRole('rowheader', { name: new RegExp(name) }).waitFor(UI_TIMEOUT);
    const queues = page.getByRole('region', { name: 'Queues' });
    for (const name of ['General', 'Billing', 'Technical Support']) await queues.getByRole('heading', { name }).waitFor(UI_TIMEOUT);

    await page.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    await agents
      .getByRole('row', { name: /Chloé Martin/ })
      .getByText('Available')
      .waitFor(UI_TIMEOUT);

    // The Manage menu works from the keyboard.
    const manage = agents.getByRole('button', { name: 'Manage Bruno Silva (1002)' });
    await manage.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menuitem', { name: 'Force busy' }).waitFor(UI_TIMEOUT);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(await manage.evaluate((element) => element === document.activeElement)).toBe(true);

    expect(problems).toEqual([]);
    // Chloé answers queue 0: signed out, she leaves the next test's callers waiting.
    expect((await chloe.sdk.logout({ logoutMode: 1 })).code).toBe(0);
    await page.close();
  }, 60_000);

  it('follows agents and callers live, and listens in on a call', async () => {
    // Tall enough for the whole board in the screenshot.
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url, { width: 1280, height: 1080 });
    await demoSignIn(page, '1008');
    await page.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    await expect.poll(() => wallboardAgentState(page, 'Emeka Obi'), UI_TIMEOUT).toBe('Offline');

    const emeka = await signIn(bed.gateway, '1005');
    await expect.poll(() => wallboardAgentState(page, 'Emeka Obi'), PUSHED).toBe('Available');
    expect((await emeka.sdk.pause({ pauseType: 1, pauseDescription: 'MEETING' })).code).toBe(0);
    await expect.poll(() => wallboardAgentState(page, 'Emeka Obi'), PUSHED).toBe('Busy · MEETING');

    // Nobody of queue 0 is idle: the first caller waits.
    const firstCall = await bed.sim.inbound('0', FIRST_CALLER);
    await waitingIn(page, 'General').getByText(FIRST_CALLER).waitFor(PUSHED);
    await expect.poll(() => kpi(page, 'Waiting'), PUSHED).toBe('1');

    // Emeka is available again and takes that caller (his phone answers after 300 ms); a second caller waits.
    expect((await emeka.sdk.unpause()).code).toBe(0);
    await emeka.log.waitFor('sessionInit', (call) => call.callId === firstCall);
    await expect.poll(() => wallboardAgentState(page, 'Emeka Obi'), PUSHED).toBe('On a call');
    await waitingIn(page, 'General').waitFor({ state: 'detached', ...PUSHED });
    const secondCall = await bed.sim.inbound('0', SECOND_CALLER);
    await waitingIn(page, 'General').getByText(SECOND_CALLER).waitFor(PUSHED);
    await expect.poll(() => kpi(page, 'On calls'), PUSHED).toBe('1');

    await page.getByRole('button', { name: 'Listen to Emeka Obi (1005)' }).click();
    const monitoring = page.getByRole('region', { name: 'Monitoring' });
    await monitoring.getByText('Listening to', { exact: true }).waitFor(UI_TIMEOUT);
    await monitoring.getByText('connecting…', { exact: false }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    // Listening is silent (the tenant's default announceMonitoring: false): Emeka is not told.
    expect(emeka.log.of('spyLink')).toEqual([]);
    expect(await monitoring.textContent()).toContain('Emeka Obi');
    const listening = (await bed.sim.call(firstCall)).legs.find((leg: any) => leg.number === SUPERVISOR_PHONE && leg.state !== 'ended');
    expect(listening).toMatchObject({ state: 'answered', monitoring: { mode: 'listen' } });
    expect(listening.hears).toHaveLength(2);
    await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
    await saveScreenshot(page, 'wallboard.png');

    await monitoring.getByRole('button', { name: 'Stop listening' }).click();
    await monitoring.waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(emeka.log.of('spyUnlink')).toEqual([]);
    await expect
      .poll(
        async () => (await bed.sim.call(firstCall)).legs.filter((leg: any) => leg.number === SUPERVISOR_PHONE).map((leg: any) => leg.state),
        UI_TIMEOUT,
      )
      .toEqual(['ended']);

    await bed.sim.hangup(firstCall);
    await bed.sim.hangup(secondCall);
    await expect.poll(() => wallboardAgentState(page, 'Emeka Obi'), PUSHED).toBe('Wrap-up');
    await waitingIn(page, 'General').waitFor({ state: 'detached', ...PUSHED });
    expect(problems).toEqual([]);
  }, 60_000);
});
