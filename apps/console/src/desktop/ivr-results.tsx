/** What IVR interactions returned during the call (interactReturn: ivrId, ivrNode, variables). */
import type { InteractReturnEvent } from '@agentsdk/sdk';

export function IvrResults({ results }: { results: InteractReturnEvent[] }) {
  return (
    <>
      <h3 class="section-title">From the IVR</h3>
      {results.map((result, index) => {
        const variables = Object.entries(result.variables ?? {});
        return (
          <dl key={index} class="facts facts--as-named">
            <div>
              <dt>IVR · node</dt>
              <dd>
                {result.ivrId || '—'} · {result.ivrNode || '—'}
              </dd>
            </div>
            {variables.length === 0 ? (
              <div>
                <dt>Values</dt>
                <dd class="muted">None</dd>
              </div>
            ) : (
              variables.map(([name, value]) => (
                <div key={name}>
                  <dt>{name}</dt>
                  <dd class="tabular">{String(value)}</dd>
                </div>
              ))
            )}
          </dl>
        );
      })}
    </>
  );
}
