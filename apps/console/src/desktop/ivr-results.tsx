/** What IVR interactions returned during the call (interactReturn: ivrId, ivrNode, variables). */
export function IvrResults({ results }: { results: Record<string, unknown>[] }) {
  return (
    <>
      <h3 class="section-title">From the IVR</h3>
      {results.map((result, index) => {
        const variables = typeof result.variables === 'object' && result.variables !== null ? Object.entries(result.variables as Record<string, unknown>) : [];
        return (
          <dl key={index} class="facts facts--as-named">
            <div>
              <dt>IVR · node</dt>
              <dd>
                {String(result.ivrId ?? '—')} · {String(result.ivrNode ?? '—')}
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
