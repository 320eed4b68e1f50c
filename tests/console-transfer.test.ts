/**
 * Consultation and attended transfer in two real browsers against a real gateway: agent 1005 takes a customer's
 * queue call, holds and resumes it, consults agent 1002 (whose desktop shows the incoming consultation), and completes
 * the transfer. 1005 goes into wrap-up, 1002 has the customer, and the simulator confirms who hears whom.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole, saveScreenshot, textWhenShown, type ConsolePage } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const CUSTOMER = '13800138000';
const PHONE_OF_1002 = '13600001002';
const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

const stateLabel = (page: Page) => page.locator('.top-bar .state-badge__label').textContent();

/** The simulator's legs of the call: the customer's, and the one on a given phone. */
async function legs(callId: string) {
  const call = await bed.sim.call(callId);
  const live = (call?.legs ?? []).filter((leg: any) => leg.state !== 'ended');
  return {
    customer: live.find((leg: any) => leg.party === 'customer'),
    on: (number: string) => live.find((leg: any) => leg.number === number),
  };
}

describe('consult and transfer', () => {
  it('hands a customer over from one agent to another after consulting', async () => {
    const consulting: ConsolePage = await openConsole(bed.browser, bed.gateway.url);
    const consulted: ConsolePage = await openConsole(bed.browser, bed.gateway.url);
    const emeka = consulting.page;
    const bruno = consulted.page;

    // Bruno (1002, queue 0 too) is busy, so the customer's call goes to Emeka; a busy colleague can still be consulted.
    await demoSignIn(bruno, '1002');
    await bruno.getByRole('combobox', { name: 'Status' }).selectOption('busy:MEETING');
    await expect.poll(() => stateLabel(bruno), UI_TIMEOUT).toBe('Busy · MEETING');
    await demoSignIn(emeka, '1005');
    await expect.poll(() => stateLabel(emeka), UI_TIMEOUT).toBe('Available');

    const callId = await bed.sim.inbound('0', CUSTOMER);
    const call = emeka.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await call.textContent()).toContain(CUSTOMER);

    await call.getByRole('button', { name: 'Hold' }).click();
    await call.getByText('On hold', { exact: true }).waitFor(UI_TIMEOUT);
    await expect.poll(async () => (await legs(callId)).customer?.hearsMusic, UI_TIMEOUT).toBe(true);
    await call.getByRole('button', { name: 'Resume' }).click();
    await call.getByText('On hold', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    await expect.poll(async () => (await legs(callId)).customer?.hearsMusic, UI_TIMEOUT).toBe(false);

    await call.getByRole('button', { name: 'Consult…' }).click();
    const dialog = emeka.getByRole('dialog', { name: 'Consult' });
    await dialog.getByRole('combobox', { name: 'Colleague' }).selectOption('1002');
    // Bruno's phone rings for 2 s before it answers (300 ms by default): long enough to read the banner on a busy machine.
    await bed.sim.setBehaviour(PHONE_OF_1002, { behavior: 'answer', answerAfterMs: 2_000 });
    const banner = textWhenShown(bruno, '[role="alert"]', 'Incoming call');
    await dialog.getByRole('button', { name: 'Start consultation' }).click();
    const bannerText = await banner;
    expect(bannerText).toContain('Consultation from Emeka Obi');
    expect(bannerText).toContain(CUSTOMER);

    const consultation = call.getByRole('region', { name: 'Consultation' });
    await consultation.getByText('Consulting', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await consultation.textContent()).toContain('Bruno Silva');
    expect(await call.getByRole('button', { name: 'Hold' }).isDisabled()).toBe(true);
    const brunoCall = bruno.getByRole('region', { name: 'Current call' });
    await brunoCall.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await brunoCall.textContent()).toContain('Consultation from Emeka Obi');
    const consulting1002 = await legs(callId);
    expect(consulting1002.customer).toMatchObject({ held: true, hearsMusic: true });
    expect(consulting1002.on(PHONE_OF_1002)).toMatchObject({ state: 'answered' });
    await saveScreenshot(emeka, 'consult-transfer.png');

    await consultation.getByRole('button', { name: 'Complete transfer' }).click();
    await emeka.getByRole('status', { name: 'Notifications' }).getByText('Call transferred to Bruno Silva').waitFor(UI_TIMEOUT);
    await call.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await emeka.getByRole('timer', { name: /^Wrap-up, \d+:\d\d left$/ }).waitFor(UI_TIMEOUT);
    expect(await emeka.locator('.wrapup').textContent()).toContain('Transferred');

    await brunoCall.getByText('Transferred by Emeka Obi').waitFor(UI_TIMEOUT);
    expect(await brunoCall.textContent()).toContain(CUSTOMER);
    expect(await brunoCall.getByText('Connected', { exact: true }).isVisible()).toBe(true);

    await expect.poll(async () => (await legs(callId)).customer?.hears, UI_TIMEOUT).toHaveLength(1);
    const transferred = await legs(callId);
    expect(transferred.customer).toMatchObject({ held: false, hearsMusic: false, hears: [transferred.on(PHONE_OF_1002).legId] });
    expect(transferred.on('13600001005')).toBeUndefined();

    // The call is Bruno's now: he ends it and goes into wrap-up.
    await brunoCall.getByRole('button', { name: 'Hang up' }).click();
    await bruno.getByRole('timer', { name: /^Wrap-up, \d+:\d\d left$/ }).waitFor(UI_TIMEOUT);

    expect(consulting.problems).toEqual([]);
    expect(consulted.problems).toEqual([]);
  }, 60_000);
});
