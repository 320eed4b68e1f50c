/**
 * `AgentSDK.preflight()` against a running gateway, against none, the softphone checks where there is no WebRTC, and
 * in Chromium (a page served by the gateway, the script-tag SDK): microphone, ICE and a loopback call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { createAgentSdk } from '@agentsdk/sdk';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './helpers/browser.js';
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

  it('reports the softphone checks for softphone agents: here no WebRTC, so the microphone, ICE and media fail', async () => {
    const report = await createAgentSdk({ baseURL: gateway.url }).preflight({ softphone: true });
    expect(report.status).toBe('fail');
    expect(report.microphone).toMatchObject({ status: 'fail', detail: expect.stringContaining('navigator.mediaDevices') });
    expect(report.audioDevices?.status).toBe('fail');
    expect(report.ice).toMatchObject({ status: 'fail', detail: expect.stringContaining('RTCPeerConnection') });
    expect(report.mediaLoopback).toMatchObject({ status: 'fail', detail: expect.stringContaining('RTCPeerConnection') });
  });

  it('in Chromium, for a softphone agent: microphone, devices, ICE candidates and audio over a loopback call', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--allow-loopback-in-peer-connection'] });
    try {
      const page = await browser.newPage();
      await page.goto(`${gateway.url}/healthz`);
      await page.addScriptTag({ url: `${gateway.url}/sdk/agent-sdk.js` });
      const report = await page.evaluate(async (baseURL) => {
        const sdk = (window as any).AgentSDK;
        sdk.setup({ baseURL });
        return sdk.preflight({ softphone: true, iceServers: [] });
      }, gateway.url);
      expect(report).toMatchObject({
        status: 'pass',
        microphone: { status: 'pass' },
        audioDevices: { status: 'pass' },
        ice: { status: 'pass', candidates: { host: expect.any(Number) } },
        mediaLoopback: { status: 'pass', source: 'microphone', packetsReceived: expect.any(Number) },
      });
      expect(report.ice.candidates.host).toBeGreaterThan(0);
      expect(report.mediaLoopback.packetsReceived).toBeGreaterThanOrEqual(25);

      // A STUN server that does not answer: candidates are still gathered, with a warning that only this network works.
      const unreachable = await page.evaluate(
        () => (window as any).AgentSDK.preflight({ softphone: true, timeoutMs: 2_000, iceServers: [{ urls: 'stun:127.0.0.1:9' }] }),
      );
      expect(unreachable.ice).toMatchObject({ status: 'warn', detail: expect.stringContaining('no STUN or TURN server answered') });
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('needs setup first', async () => {
    await expect(createAgentSdk().preflight()).rejects.toMatchObject({ code: 'NOT_INITIALIZED' });
  });
});
