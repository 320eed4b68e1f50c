/**
 * Which IVR and node the caller goes to (transferIvr, blxfer to an IVR): chosen by name and prompt from the tenant's
 * directory; typed as ids when the directory does not list IVRs.
 */
import type { DemoDirectory, DemoIvr } from '../api/demo-directory.js';
import { Field } from '../ui/field.js';

interface IvrNodePickerProps {
  idPrefix: string;
  directory: DemoDirectory | undefined;
  ivrId: string;
  ivrNode: string;
  onChange: (change: { ivrId: string; ivrNode: string }) => void;
  error?: string;
}

/** The first IVR and its first node: the default choice. */
export function defaultIvrNode(directory: DemoDirectory | undefined): { ivrId: string; ivrNode: string } {
  const ivr = directory?.ivrs?.[0];
  return ivr ? { ivrId: ivr.ivrId, ivrNode: ivr.nodes[0]?.id ?? '' } : { ivrId: '1', ivrNode: '1' };
}

export function nodeLabel(node: DemoIvr['nodes'][number]): string {
  return node.prompt ? `${node.prompt} (${node.id})` : `${node.kind} (${node.id})`;
}

export function IvrNodePicker({ idPrefix, directory, ivrId, ivrNode, onChange, error }: IvrNodePickerProps) {
  const ivrs = directory?.ivrs ?? [];
  if (ivrs.length === 0) {
    return (
      <div class="form-row">
        <Field id={`${idPrefix}-ivr`} label="IVR" error={error}>
          <input class="input" value={ivrId} onInput={(event) => onChange({ ivrId: event.currentTarget.value, ivrNode })} />
        </Field>
        <Field id={`${idPrefix}-ivr-node`} label="Node">
          <input class="input" value={ivrNode} onInput={(event) => onChange({ ivrId, ivrNode: event.currentTarget.value })} />
        </Field>
      </div>
    );
  }
  const nodes = ivrs.find((ivr) => ivr.ivrId === ivrId)?.nodes ?? [];
  return (
    <>
      <Field id={`${idPrefix}-ivr`} label="IVR" error={error}>
        <select
          class="select"
          value={ivrId}
          onChange={(event) =>
            onChange({
              ivrId: event.currentTarget.value,
              ivrNode: ivrs.find((ivr) => ivr.ivrId === event.currentTarget.value)?.nodes[0]?.id ?? '',
            })
          }
        >
          {ivrs.map((ivr) => (
            <option key={ivr.ivrId} value={ivr.ivrId}>
              {ivr.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${idPrefix}-ivr-node`} label="Step">
        <select class="select" value={ivrNode} onChange={(event) => onChange({ ivrId, ivrNode: event.currentTarget.value })}>
          {nodes.map((node) => (
            <option key={node.id} value={node.id}>
              {nodeLabel(node)}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
