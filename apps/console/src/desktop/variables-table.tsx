/** Channel variables as a name/value table. */
import type { ChannelVariable } from '@agentsdk/sdk';

const SCOPES: Record<number, string> = { 1: 'Events', 2: 'Call record', 3: 'SIP header' };

export function VariablesTable({ variables, empty }: { variables: ChannelVariable[]; empty: string }) {
  if (variables.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table class="table table--compact">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Scope</th>
        </tr>
      </thead>
      <tbody>
        {variables.map((variable) => (
          <tr key={variable.name}>
            <td class="mono">{variable.name}</td>
            <td>{variable.value}</td>
            <td class="muted">{SCOPES[variable.type ?? 1] ?? variable.type}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
