/** The console's event log: one line per SDK event, read from the event's typed payload. */
import { describe, expect, it } from 'vitest';
import { summarizeEvent } from '../apps/console/src/desktop/event-summary.js';
import type { SdkEvent } from '../apps/console/src/state/desk-model.js';

const event = (name: string, payload: Record<string, unknown>) => ({ name, payload }) as unknown as SdkEvent;

describe('event log summaries', () => {
  it('says what each kind of event reports', () => {
    expect(summarizeEvent(event('agentStatus', { state: 'busy', pauseDescription: 'LUNCH', stateAction: 'pause' }))).toBe(
      'busy · LUNCH · pause',
    );
    expect(summarizeEvent(event('connectionState', { state: 'reconnecting', reason: 'dropped' }))).toBe('reconnecting · dropped');
    expect(summarizeEvent(event('webrtcStats', { connectionState: 'connected', bitrateIn: 64, mos: 4.4 }))).toBe(
      'connected · in 64 kbit/s · MOS 4.4',
    );
    expect(summarizeEvent(event('sessionTerminate', { reason: 'hangup', outcome: 'completed', side: 'customer' }))).toBe(
      'completed · customer',
    );
    expect(summarizeEvent(event('callMuted', { direction: 'out' }))).toBe('out');
    expect(summarizeEvent(event('pauseResp', { code: 0, message: 'ok' }))).toBe('ok');
    expect(summarizeEvent(event('pauseResp', { code: -1, errorCode: 30001, message: 'agent not logged in' }))).toBe(
      'refused · 30001 agent not logged in',
    );
    expect(summarizeEvent(event('ringing', { callId: 'c1', customerNumber: '13800138000' }))).toBe('13800138000');
    expect(summarizeEvent(event('callHeld', { callId: 'c1' }))).toBeUndefined();
  });
});
