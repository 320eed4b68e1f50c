/**
 * Working a preview task from the agent desktop in a real browser: the agent starts a task created over the task
 * API, sees the next record with its variables, skips it, and calls the next; the task records both.
 */
import { describe, expect, it } from 'vitest';
import { demoSignIn, openConsole } from './helpers/browser.js';
import { consoleTestBed } from './helpers/console-test-bed.js';
import { taskApi } from './helpers/dialer-tasks.js';

const UI_TIMEOUT = { timeout: 10_000 };
const bed = consoleTestBed();

describe('agent desktop preview task', () => {
  it('shows the next record with its variables, skips it, and calls the next one', async () => {
    await bed.sim.setBehaviour('13900006002', { behavior: 'answer', answerAfterMs: 50, hangupAfterMs: 300 });
    const tasks = taskApi(bed.gateway);
    await tasks.create({ taskId: 'survey-ui', name: 'Survey UI', mode: 'preview' }, [
      { number: '13900006001', variables: { customerName: 'Ada Lovelace' } },
      { number: '13900006002', variables: { customerName: 'Bob Marley' } },
    ]);
    const { page, problems } = await openConsole(bed.browser, bed.gateway.url);
    await demoSignIn(page, '1001');

    const panel = page.getByRole('region', { name: 'Preview task' });
    await panel.getByLabel('Task ID').fill('survey-ui');
    await panel.getByRole('button', { name: 'Start' }).click();
    const record = panel.getByLabel('Next record');
    await record.getByText('13900006001').waitFor(UI_TIMEOUT);
    await record.getByRole('cell', { name: 'Ada Lovelace' }).waitFor(UI_TIMEOUT);

    await record.getByRole('button', { name: 'Skip' }).click();
    await record.getByText('13900006002').waitFor(UI_TIMEOUT);
    await record.getByRole('cell', { name: 'Bob Marley' }).waitFor(UI_TIMEOUT);
    await record.getByRole('button', { name: 'Call' }).click();

    await expect
      .poll(async () => (await tasks.get('survey-ui')).progress, { timeout: 10_000 })
      .toEqual({
        total: 2,
        dialled: 1,
        remaining: 0,
        outcomes: { skipped: 1, answered: 1 },
      });
    expect(problems).toEqual([]);
  });
});
