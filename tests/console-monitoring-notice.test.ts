/**
 * Silent monitoring in two browsers: a supervisor whispers to an agent, then goes back to listening. The agent's desk
 * says the whisper ended and drops the "coaching" mark, and nothing on it says that someone still listens.
 */
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';

const UI_TIMEOUT = { timeout: 10_000 };

const bed = consoleTestBed();

describe('monitoring notices', () => {
  it('tells the agent that the whisper ended when the supervisor switches to silent listening', async () => {
    const supervisor = await openConsole(bed.browser, bed.gateway.url, { width: 1440, height: 900 });
    const wallboard = supervisor.page;
    await demoSignIn(wallboard, '1008');
    await wallboard.getByText(/^Live · updated/).waitFor(UI_TIMEOUT);
    const agent = await openConsole(bed.browser, bed.gateway.url);
    const desk = agent.page;
    await demoSignIn(desk, '1005');

    const callId = await bed.sim.inbound('0', '13800138600');
    const call = desk.getByRole('region', { name: 'Current call' });
    await call.getByText('Connected', { exact: true }).waitFor(UI_TIMEOUT);

    const whisper = wallboard.getByRole('button', { name: 'Whisper to Emeka Obi (1005)' });
    await expect.poll(() => whisper.isEnabled(), UI_TIMEOUT).toBe(true);
    await whisper.click();
    const monitoring = wallboard.getByRole('region', { name: 'Monitoring' });
    await monitoring.getByText('Whispering to', { exact: true }).waitFor(UI_TIMEOUT);
    await call.getByText('Supervisor coaching you', { exact: true }).waitFor(UI_TIMEOUT);

    await wallboard.getByRole('button', { name: 'Listen to Emeka Obi (1005)' }).click();
    await monitoring.getByText('Listening to', { exact: true }).waitFor(UI_TIMEOUT);
    await monitoring.getByText('connecting…', { exact: false }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    const listening = (await bed.sim.call(callId)).legs.find((leg: any) => leg.number === '13600001008' && leg.state !== 'ended');
    expect(listening).toMatchObject({ state: 'answered', monitoring: { mode: 'listen' } });

    const notice = desk.getByRole('status', { name: 'Supervisor action' });
    await notice.getByText('Your supervisor stopped whispering to you.', { exact: false }).waitFor(UI_TIMEOUT);
    await call.getByText('Supervisor coaching you', { exact: true }).waitFor({ state: 'detached', ...UI_TIMEOUT });
    expect(await desk.locator('#main').textContent()).not.toMatch(/listen/i);
    expect(await desk.locator('.top-bar').textContent()).not.toMatch(/listen|supervisor/i);

    await monitoring.getByRole('button', { name: 'Stop listening' }).click();
    await monitoring.waitFor({ state: 'detached', ...UI_TIMEOUT });
    await bed.sim.hangup(callId);
    expect(agent.problems).toEqual([]);
    expect(supervisor.problems).toEqual([]);
    await desk.context().close();
    await wallboard.context().close();
  }, 60_000);
});
