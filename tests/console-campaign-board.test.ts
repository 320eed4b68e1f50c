/**
 * The wallboard's campaigns in a real browser: supervisor 1008 watches while an agent works a task created over the
 * task API; the campaign's card follows it live (started, the answered number, finished) with its pace and abandon rate.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from './helpers/agent-client.js';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';
import { taskApi } from './helpers/dialer-tasks.js';

const UI_TIMEOUT = { timeout: 10_000 };
const bed = consoleTestBed();

describe('wallboard campaigns', () => {
  it("shows a campaign's progress, pace and abandon rate as its agent works it", async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1008');
    await page.getByRole('heading', { name: 'Wallboard' }).waitFor(UI_TIMEOUT);
    expect(await page.getByRole('region', { name: 'Campaigns' }).count()).toBe(0);

    await bed.sim.setBehaviour('13900005001', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 300 });
    await taskApi(bed.gateway).create({ taskId: 'winback', name: 'Win-back Q4', mode: 'progressive' }, ['13900005001']);
    const agent = await signIn(bed.gateway, '1001');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'winback' })).toMatchObject({ code: 0 });

    const card = page
      .getByRole('region', { name: 'Campaigns' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Win-back Q4' }) });
    await card.waitFor(UI_TIMEOUT);
    await card.getByText('Finished').waitFor(UI_TIMEOUT);
    const figure = (label: string) =>
      card
        .locator('dl div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd')
        .textContent();
    expect(await card.locator('.queue-card__big').textContent()).toBe('1 / 1');
    expect(await figure('Remaining')).toBe('0');
    expect(await figure('Answered')).toBe('1');
    expect(await figure('Pace')).toBe('0.2/min');
    expect(await figure('Abandon rate')).toBe('0.0%');
    expect(problems).toEqual([]);
  });

  it("shows a predictive task's abandon rate as the gateway measures it, while the task goes on", async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1008');
    await page.getByRole('heading', { name: 'Wallboard' }).waitFor(UI_TIMEOUT);

    const number = '13900005101';
    await bed.sim.setBehaviour(number, { behavior: 'answer', answerAfterMs: 600 });
    await taskApi(bed.gateway).create({ taskId: 'reach', name: 'Reach Q4', mode: 'predictive', customerAnswerTimeoutSeconds: 5 }, [number]);
    const agent = await signIn(bed.gateway, '1002');
    expect(await agent.sdk.startAutoObCallTask({ taskId: 'reach' })).toMatchObject({ code: 0 });
    // The customer rings first; the agent goes busy before the customer answers, so no agent takes the customer.
    await expect.poll(async () => (await bed.sim.calls()).some((call) => call.legs.some((leg: any) => leg.number === number))).toBe(true);
    expect(await agent.sdk.pause({ pauseType: 1 })).toMatchObject({ code: 0 });

    const card = page
      .getByRole('region', { name: 'Campaigns' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Reach Q4' }) });
    const abandonRate = card
      .locator('dl div')
      .filter({ has: page.getByText('Abandon rate', { exact: true }) })
      .locator('dd');
    // Abandoned, to be retried: the task goes on, and its card shows the measured rate at once.
    await expect.poll(() => abandonRate.textContent(), UI_TIMEOUT).toBe('100.0%');
    expect(await card.getByText('Running').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
