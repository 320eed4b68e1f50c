/**
 * Working a preview task (getPreviewNumber / skipPreviewNumber, ours): the agent starts the task by its ID, sees the
 * next record held for it with its variables, and calls it (previewObCall) or skips it; Next fetches the following one.
 */
import type { ChannelVariable, OperationResponse } from '@agentsdk/sdk';
import { useState } from 'preact/hooks';
import { agentSdk } from '../sdk/agent-sdk.js';
import { runOperation } from '../sdk/run-operation.js';
import { Panel } from '../ui/panel.js';
import { VariablesTable } from './variables-table.js';

type HeldRecord = Extract<OperationResponse<'getPreviewNumber'>, { code: 0 }>;

/** The record held for the agent; runOperation resolves only with successes, refusals become toasts. */
const nextRecord = async (taskId: string) =>
  (await runOperation('Next record', () => agentSdk().getPreviewNumber({ taskId }))) as HeldRecord | undefined;

export function PreviewTaskPanel() {
  const [taskId, setTaskId] = useState('');
  const [working, setWorking] = useState<string | undefined>();
  const [record, setRecord] = useState<HeldRecord | undefined>();
  const [pending, setPending] = useState(false);

  const act = async (work: () => Promise<void>) => {
    setPending(true);
    await work();
    setPending(false);
  };
  const next = (task: string) => act(async () => setRecord(await nextRecord(task)));
  const start = (event: Event) => {
    event.preventDefault();
    const task = taskId.trim();
    void act(async () => {
      if (!(await runOperation('Start preview task', () => agentSdk().startAutoObCallTask({ taskId: task })))) return;
      setWorking(task);
      setRecord(await nextRecord(task));
    });
  };
  const skip = (task: string, number: string) =>
    act(async () => {
      if (await runOperation('Skip', () => agentSdk().skipPreviewNumber({ taskId: task, number }))) {
        setRecord(await nextRecord(task));
      }
    });
  const call = (number: string) =>
    act(async () => void (await runOperation('Call', () => agentSdk().previewObCall({ customerNumber: number }))));

  return (
    <Panel title="Preview task" titleId="preview-task-title">
      {working === undefined ? (
        <form class="form" onSubmit={start}>
          <div class="field">
            <label class="field__label" for="preview-task-id">
              Task ID
            </label>
            <input
              id="preview-task-id"
              class="input"
              autocomplete="off"
              value={taskId}
              onInput={(event) => setTaskId(event.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button--primary" disabled={pending || taskId.trim() === ''}>
            Start
          </button>
        </form>
      ) : record?.number === undefined ? (
        <div class="form">
          <p class="muted">{record ? `No number due in ${working} (${record.remaining} remaining).` : `Working ${working}.`}</p>
          <button type="button" class="button" disabled={pending} onClick={() => void next(working)}>
            Next
          </button>
        </div>
      ) : (
        <div class="form" role="group" aria-label="Next record">
          <p>
            <span class="tabular">{record.number}</span>{' '}
            <span class="muted">
              · attempt {(record.attempts ?? 0) + 1} · {record.remaining} remaining
            </span>
          </p>
          <VariablesTable variables={(record.variables ?? []) as ChannelVariable[]} empty="No variables." />
          <div class="row-actions">
            <button type="button" class="button button--primary" disabled={pending} onClick={() => void call(record.number!)}>
              Call
            </button>
            <button type="button" class="button" disabled={pending} onClick={() => void skip(working, record.number!)}>
              Skip
            </button>
            <button type="button" class="button" disabled={pending} onClick={() => void next(working)}>
              Next
            </button>
          </div>
        </div>
      )}
    </Panel>
  );
}
