/** One line about an SDK event for the log: the state it reports, or the result of a response. */
export function summarizeEvent(name: string, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const data = payload as Record<string, unknown>;
  if (name === 'agentStatus') return [data.state, data.pauseDescription, data.stateAction].filter(Boolean).join(' · ');
  if (name === 'softphoneState') return [data.state, data.reason].filter(Boolean).join(' · ');
  if (name === 'connectionState') return [data.state, data.reason].filter(Boolean).join(' · ');
  if (name === 'webrtcStats') return `${String(data.connectionState)} · in ${String(data.bitrateIn)} kbit/s · MOS ${String(data.mos)}`;
  if (name === 'reconnectAttempt') return `attempt ${String(data.attempt)}`;
  if (name === 'sessionTerminate') return [data.outcome ?? data.reason, data.side].filter(Boolean).join(' · ');
  if (name === 'callMuted' || name === 'callUnmuted') return String(data.direction ?? '');
  if (typeof data.code === 'number') return data.code === 0 ? 'ok' : `refused · ${String(data.errorCode ?? '')} ${String(data.message ?? '')}`.trim();
  if (typeof data.customerNumber === 'string') return data.customerNumber;
  return undefined;
}
