/**
 * After-call work: in wrap-up the agent gives the call an outcome from the tenant's dispositions, with notes; it is
 * stored with the call record (setDisposition), shown in recent calls and in the CDR API. A call the agent
 * transferred to a colleague stays in the agent's recent calls, and its record lists both agents with their segments.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from './helpers/agent-client.js';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { callRecordOf } from './helpers/calls.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

describe('dispositions and participating agents', () => {
  it('saves the outcome and notes of a call in wrap-up', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1005');
    const customer = '13800138801';
    const callId = await bed.sim.inbound('0', customer);
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);
    await call.getByRole('button', { name: 'Hang up' }).click();

    const disposition = page.getByRole('form', { name: 'Disposition' });
    await disposition.getByLabel('Outcome').selectOption({ label: 'Call back later' });
    await disposition.getByLabel('Notes').fill('Wants the new tariff sheet first');
    await disposition.getByRole('button', { name: 'Save outcome' }).click();
    await disposition.getByRole('status').getByText('Saved: Call back later').waitFor(UI_TIMEOUT);

    const record = await callRecordOf(bed.gateway, callId);
    await expect
      .poll(
        async () =>
          (await bed.gateway.api('GET', '/api/v1/tenants/demo/cdrs?agentNo=1005')).body.records.find((r: any) => r.callId === callId)
            ?.dispositions,
        UI_TIMEOUT,
      )
      .toEqual([{ agentNo: '1005', code: 'CALLBACK', notes: 'Wants the new tariff sheet first', at: expect.any(String) }]);
    expect(record.agents).toEqual([{ agentNo: '1005', segments: [{ from: expect.any(String), to: expect.any(String) }] }]);

    await page.getByRole('button', { name: 'Refresh recent calls' }).click();
    const row = page.getByRole('region', { name: 'Recent calls' }).getByRole('row', { name: new RegExp(customer) });
    await row.getByText('Call back later').waitFor(UI_TIMEOUT);
    await page.getByRole('button', { name: 'Ready now' }).click();
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('keeps a transferred call in the recent calls of the agent who transferred it', async () => {
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1005');
    const customer = '13800138802';
    const callId = await bed.sim.inbound('0', customer);
    const call = page.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);

    // Alice signs in once Emeka has the call, then takes it by blind transfer.
    const alice = await signIn(bed.gateway, '1001');
    await call.getByRole('button', { name: 'Transfer…' }).click();
    const transfer = page.getByRole('dialog', { name: 'Transfer' });
    await transfer.getByRole('combobox', { name: 'Colleague' }).selectOption('1001');
    await transfer.getByRole('button', { name: 'Transfer', exact: true }).click();
    await alice.log.waitFor('sessionInit', (event) => event.callId === callId, 0, 10_000);
    await call.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await bed.sim.hangup(callId);

    const record = await callRecordOf(bed.gateway, callId);
    expect(record.agentNo).toBe('1001');
    expect(record.agents.map((agent: any) => agent.agentNo)).toEqual(['1005', '1001']);
    expect(record.agents.every((agent: any) => agent.segments.length === 1 && agent.segments[0].from && agent.segments[0].to)).toBe(true);

    const recentCalls = page.getByRole('region', { name: 'Recent calls' });
    await page.getByRole('button', { name: 'Refresh recent calls' }).click();
    await recentCalls.getByRole('row', { name: new RegExp(customer) }).waitFor(UI_TIMEOUT);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
