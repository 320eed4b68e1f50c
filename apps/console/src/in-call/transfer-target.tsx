/** Who a consultation or transfer goes to: a colleague, a phone number, an extension, a queue or an IVR node. */
import { ColleagueSelect } from '../presence/colleague-select.js';
import type { SignedInSession } from '../shell/signed-in-session.js';
import { Field } from '../ui/field.js';
import { IvrNodePicker, defaultIvrNode, nodeLabel } from './ivr-node-picker.js';

export type TargetKind = 'agent' | 'number' | 'extension' | 'queue' | 'ivr';

export interface TransferTarget {
  kind: TargetKind;
  agentNo: string;
  number: string;
  extension: string;
  queueNo: string;
  ivrId: string;
  ivrNode: string;
}

const KIND_LABELS: Record<TargetKind, string> = {
  agent: 'Colleague',
  number: 'Phone number',
  extension: 'Extension',
  queue: 'Queue',
  ivr: 'IVR node',
};

export function initialTarget(session: SignedInSession): TransferTarget {
  const colleague = session.directory?.agents.find((agent) => agent.agentNo !== session.agentNo && agent.role === 'agent');
  return {
    kind: 'agent',
    agentNo: colleague?.agentNo ?? '',
    number: '',
    extension: session.directory?.extensions[0] ?? '',
    queueNo: session.directory?.queues[0]?.queueNo ?? '',
    ...defaultIvrNode(session.directory),
  };
}

/** The `target` string of the operation, and a label for people; or what is missing. */
export function resolveTarget(target: TransferTarget, session: SignedInSession): { value: string; label: string } | { error: string } {
  const directory = session.directory;
  switch (target.kind) {
    case 'agent': {
      const agentNo = target.agentNo.trim();
      if (agentNo === '') return { error: 'Choose a colleague.' };
      const name = directory?.agents.find((agent) => agent.agentNo === agentNo)?.name;
      return { value: agentNo, label: name ? `${name} (${agentNo})` : `agent ${agentNo}` };
    }
    case 'number':
      return /^\+?[0-9]{3,20}$/.test(target.number.trim())
        ? { value: target.number.trim(), label: target.number.trim() }
        : { error: 'Enter a phone number: digits with an optional leading +.' };
    case 'extension':
      return /^[0-9]{2,10}$/.test(target.extension.trim())
        ? { value: target.extension.trim(), label: `extension ${target.extension.trim()}` }
        : { error: 'Enter an extension: 2 to 10 digits.' };
    case 'queue': {
      const name = directory?.queues.find((queue) => queue.queueNo === target.queueNo)?.name;
      return target.queueNo.trim() === ''
        ? { error: 'Choose a queue.' }
        : { value: target.queueNo.trim(), label: name ? `the ${name} queue` : `queue ${target.queueNo}` };
    }
    case 'ivr': {
      if (target.ivrId.trim() === '' || target.ivrNode.trim() === '') return { error: 'Choose the IVR and its step.' };
      const ivr = directory?.ivrs?.find((candidate) => candidate.ivrId === target.ivrId);
      const node = ivr?.nodes.find((candidate) => candidate.id === target.ivrNode);
      const label =
        ivr && node ? `the “${ivr.name}” IVR at ${nodeLabel(node)}` : `IVR ${target.ivrId.trim()} node ${target.ivrNode.trim()}`;
      return { value: `${target.ivrId.trim()}:${target.ivrNode.trim()}`, label };
    }
  }
}

interface TransferTargetPickerProps {
  idPrefix: string;
  kinds: TargetKind[];
  target: TransferTarget;
  onChange: (target: TransferTarget) => void;
  session: SignedInSession;
  error?: string;
}

export function TransferTargetPicker({ idPrefix, kinds, target, onChange, session, error }: TransferTargetPickerProps) {
  const change = (partial: Partial<TransferTarget>) => onChange({ ...target, ...partial });
  const colleagues = (session.directory?.agents ?? []).filter((agent) => agent.agentNo !== session.agentNo);
  return (
    <>
      <fieldset class="field">
        <legend class="field__label">Target</legend>
        <div class="segmented">
          {kinds.map((kind) => (
            <label key={kind} class="segmented__option">
              <input type="radio" name={`${idPrefix}-kind`} value={kind} checked={target.kind === kind} onChange={() => change({ kind })} />
              <span>{KIND_LABELS[kind]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {target.kind === 'agent' &&
        (colleagues.length > 0 ? (
          <ColleagueSelect
            id={`${idPrefix}-agent`}
            session={session}
            colleagues={colleagues}
            agentNo={target.agentNo}
            onChange={(agentNo) => change({ agentNo })}
            error={error}
          />
        ) : (
          <Field id={`${idPrefix}-agent`} label="Agent number" error={error}>
            <input
              class="input"
              inputMode="numeric"
              value={target.agentNo}
              onInput={(event) => change({ agentNo: event.currentTarget.value })}
            />
          </Field>
        ))}
      {target.kind === 'number' && (
        <Field id={`${idPrefix}-number`} label="Phone number" error={error}>
          <input
            class="input"
            type="tel"
            inputMode="tel"
            value={target.number}
            onInput={(event) => change({ number: event.currentTarget.value })}
          />
        </Field>
      )}
      {target.kind === 'extension' && (
        <Field id={`${idPrefix}-extension`} label="Extension" error={error}>
          <input
            class="input"
            inputMode="numeric"
            value={target.extension}
            onInput={(event) => change({ extension: event.currentTarget.value })}
          />
        </Field>
      )}
      {target.kind === 'queue' && (
        <Field id={`${idPrefix}-queue`} label="Queue" error={error}>
          {session.directory ? (
            <select class="select" value={target.queueNo} onChange={(event) => change({ queueNo: event.currentTarget.value })}>
              {session.directory.queues.map((queue) => (
                <option key={queue.queueNo} value={queue.queueNo}>
                  {queue.name} ({queue.queueNo})
                </option>
              ))}
            </select>
          ) : (
            <input class="input" value={target.queueNo} onInput={(event) => change({ queueNo: event.currentTarget.value })} />
          )}
        </Field>
      )}
      {target.kind === 'ivr' && (
        <IvrNodePicker
          idPrefix={idPrefix}
          directory={session.directory}
          ivrId={target.ivrId}
          ivrNode={target.ivrNode}
          onChange={change}
          {...(error === undefined ? {} : { error })}
        />
      )}
    </>
  );
}
