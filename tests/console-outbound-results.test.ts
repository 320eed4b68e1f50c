/**
 * Outbound calls in the console say what happened in plain words and keep the number: a busy line and a number the
 * gateway refuses are explained (codes only in a details line), "Call again" redials the same number, and the talk
 * timer starts when the customer answers, not while they still ring.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };
const CUSTOMER = '13900000011';

const bed = consoleTestBed();

async function dial(page: Page, number: string): Promise<void> {
  await page.getByLabel('Number to call').fill(number);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

describe('outbound results', () => {
  it('explains a busy line, keeps the number, and times the call from the answer', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1005');
    await bed.sim.setBehaviour(CUSTOMER, { behavior: 'busy' });
    await dial(page, CUSTOMER);

    const result = page.getByRole('status', { name: 'Last dialled call' });
    await result.getByText('The line was busy.', { exact: false }).waitFor(UI_TIMEOUT);
    expect(await result.textContent()).toContain(CUSTOMER);
    expect(await result.locator('.details-line').textContent()).toBe('outcome customerBusy');
    expect(await page.getByLabel('Number to call').inputValue()).toBe(CUSTOMER);

    // The customer answers the second attempt after 3 s: no talk timer while it rings.
    await bed.sim.setBehaviour(CUSTOMER, { behavior: 'answer', answerAfterMs: 3000 });
    await result.getByRole('button', { name: 'Call again' }).click();
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Dialling…').waitFor(UI_TIMEOUT);
    expect(await call.getByRole('timer', { name: 'Call duration' }).count()).toBe(0);
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await call.getByRole('timer', { name: 'Call duration' }).textContent()).toMatch(/^0:0[0-2]$/);
    await call.getByRole('button', { name: 'Hang up' }).click();
    await call.waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(await page.getByLabel('Number to call').inputValue()).toBe(CUSTOMER);
    expect(problems).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.context().close();
  }, 60_000);

  it('explains a number the bed.gateway refuses without a code in the sentence', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1006');
    await dial(page, '12');
    const result = page.getByRole('status', { name: 'Last dialled call' });
    await result.getByText('That is not a valid phone number.', { exact: false }).waitFor(UI_TIMEOUT);
    const sentence = await result.locator('p').first().textContent();
    expect(sentence).not.toMatch(/\d{5}/);
    expect(await result.locator('.details-line').textContent()).toMatch(/^Gateway: “.*” · code 20102$/);
    expect(await page.getByLabel('Number to call').inputValue()).toBe('12');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
