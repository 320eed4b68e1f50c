/** `AgentSDK.preflight()` against a running gateway, against none, and the softphone checks where there is no WebRTC. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentSdk } from '@agentsdk/sdk';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

describe('preflight', () => {
  it('passes against a running gateway: reachable, a WebSocket round trip, clocks that agree', async () => {
    const report = await createAgentSdk({ baseURL: gateway.url }).preflight();
    expect(report).toMatchObject({
      status: 'pass',
      gateway: { status: 'pass', ms: expect.any(Number) },
      webSocket: { status: 'pass', ms: expect.any(Number) },
      clockSkew: { status: 'pass', skewMs: expect.any(Number) },
    });
    expect(Math.abs(report.clockSkew.skewMs!)).toBeLessThan(2_000);
    expect(report.webSocket.detail).toContain('ping answered');
    expect(report).not.toHaveProperty('microphone');
  });

  it('fails, naming what it tried, when no gateway answers; it resolves rather than rejects', async () => {
    const report = await createAgentSdk({ baseURL: 'http://127.0.0.1:9' }).preflight({ timeoutMs: 2_000 });
    expect(report.status).toBe('fail');
    expect(report.gateway).toMatchObject({ status: 'fail', detail: expect.stringContaining('http://127.0.0.1:9/healthz') });
    expect(report.webSocket).toMatchObject({ status: 'fail', detail: expect.stringContaining('ws://127.0.0.1:9/ws') });
    expect(report.clockSkew.status).toBe('warn');
  });

  it('reports the softphone checks for softphone agents: here no WebRTC, so the microphone fails', async () => {
    const report = await createAgentSdk({ baseURL: gateway.url }).preflight({ softphone: true });
    expect(report.status).toBe('fail');
    expect(report.microphone).toMatchObject({ status: 'fail', detail: expect.stringContaining('navigator.mediaDevices') });
    expect(report.audioDevices?.status).toBe('fail');
  });

  it('needs setup first', async () => {
    await expect(createAgentSdk().preflight()).rejects.toMatchObject({ code: 'NOT_INITIALIZED' });
  });
});
