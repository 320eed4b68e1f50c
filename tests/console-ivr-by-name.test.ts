/**
 * IVRs picked by name: the agent sends the caller to the "Identify caller" IVR at the step that asks for the customer
 * number (chosen by its prompt, not by typing ids "1" and "1.1"), the caller keys it in, and it comes back to the
 * agent. The transfer dialog offers the same names.
 */
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };
const ASK_FOR_NUMBER = 'Please key in your customer number, then hash. (1.1)';

const bed = consoleTestBed();

describe('IVR by name', () => {
  it('sends the caller to an IVR step chosen by its name and prompt', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1005');
    const callId = await bed.sim.inbound('0', '13800138601');
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);

    await call.getByRole('button', { name: 'Transfer…' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transfer' });
    await transfer.getByRole('radio', { name: 'IVR node' }).check();
    expect(await transfer.getByLabel('IVR', { exact: true }).locator('option:checked').textContent()).toBe('Identify caller');
    await transfer.getByRole('button', { name: 'Cancel' }).click();

    await call.getByRole('button', { name: 'IVR…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to IVR' });
    expect(await dialog.getByLabel('IVR', { exact: true }).locator('option:checked').textContent()).toBe('Identify caller');
    await dialog.getByLabel('Step').selectOption({ label: ASK_FOR_NUMBER });
    await dialog.getByRole('button', { name: 'Send to IVR' }).click();
    await call.getByText('Caller in IVR', { exact: true }).waitFor(UI_TIMEOUT);

    await bed.sim.pressDigits(callId, '4242#');
    await call.getByText('Caller in IVR', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    await page.getByRole('region', { name: 'Call details' }).getByText('4242').first().waitFor(UI_TIMEOUT);
    await bed.sim.hangup(callId);
    expect(problems).toEqual([]);
  }, 60_000);
});
