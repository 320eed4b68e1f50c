/**
 * The agent desk from the keyboard and at a glance: Alt+S toggles Available / Busy, Alt+D rejects a ringing call,
 * Alt+H holds and resumes, Alt+M mutes and unmutes, Alt+E hangs up (each shown in its control's tooltip); the top
 * bar's state timer restarts at 0:00 when the state changes, also back to Available after a call that never
 * connected; the green Call button's text has a contrast of at least 4.5:1.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

const stateLabel = (page: Page) => page.locator('.top-bar .state-badge__label').textContent();
const stateTimer = (page: Page) => page.locator('.top-bar .state-badge__detail').textContent();

/** WCAG contrast ratio of an element's text colour on its background colour (both opaque rgb). */
async function contrastOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const style = getComputedStyle(element);
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
          const channel = Number(part) / 255;
          return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort((a, b) => b - a);
      return (light! + 0.05) / (dark! + 0.05);
    });
}

describe('keyboard shortcuts and state at a glance', () => {
  it('drives a call from the keyboard', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1005');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');
    expect(await contrastOf(page, '.dial-form .button--success')).toBeGreaterThanOrEqual(4.5);

    // Ready / not ready.
    expect(await page.getByRole('combobox', { name: 'Status' }).getAttribute('title')).toContain('(Alt+S)');
    await page.keyboard.press('Alt+KeyS');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Busy · busy');
    await page.keyboard.press('Alt+KeyS');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');

    // Reject a ringing call (the agent's phone rings for 3 s before it would answer).
    await bed.sim.setBehaviour('13600001005', { behavior: 'answer', answerAfterMs: 3000 });
    await bed.sim.inbound('0', '13800138501');
    const banner = page.getByRole('alert').filter({ hasText: 'Incoming call' });
    await banner.waitFor(UI_TIMEOUT);
    expect(await banner.getByRole('button', { name: 'Reject' }).getAttribute('title')).toBe('Reject (Alt+D)');
    await page.keyboard.press('Alt+KeyD');
    await banner.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await bed.sim.setBehaviour('13600001005', { behavior: 'answer', answerAfterMs: 300 });
    if ((await stateLabel(page)) !== 'Available') await page.keyboard.press('Alt+KeyS');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');

    // Hold, mute, hang up.
    await bed.sim.inbound('0', '13800138502');
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    expect(await call.getByRole('button', { name: 'Hold' }).getAttribute('title')).toBe('Hold (Alt+H)');
    await page.keyboard.press('Alt+KeyH');
    await call.getByText('On hold', { exact: true }).waitFor(UI_TIMEOUT);
    await page.keyboard.press('Alt+KeyH');
    await call.getByText('On hold', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    await page.keyboard.press('Alt+KeyM');
    await call.getByText('Microphone muted', { exact: true }).waitFor(UI_TIMEOUT);
    await page.keyboard.press('Alt+KeyM');
    await call.getByText('Microphone muted', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(await call.getByRole('button', { name: 'Hang up' }).getAttribute('title')).toBe('Hang up (Alt+E)');
    await page.keyboard.press('Alt+KeyE');
    await page.getByRole('timer', { name: /^Wrap-up/ }).waitFor(UI_TIMEOUT);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('restarts the state timer at 0:00 after a call that never connected', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1006');
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');
    // The customer's phone rings for 3 s, then declines: back to Available, the timer starts again.
    await bed.sim.setBehaviour('13900000021', { behavior: 'reject', answerAfterMs: 3000 });
    await page.getByLabel('Number to call').fill('13900000021');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await page.getByRole('region', { name: 'Current call' }).getByText('Dialling…').waitFor(UI_TIMEOUT);
    await page.getByRole('status', { name: 'Last dialled call' }).getByText('The call was declined.', { exact: false }).waitFor(UI_TIMEOUT);
    await expect.poll(() => stateLabel(page), UI_TIMEOUT).toBe('Available');
    expect(await stateTimer(page)).toMatch(/^0:0[01]$/);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
