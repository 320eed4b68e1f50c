/** Every business error code of previewObCall (spec 4.1), each caused by what it names. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeClients, signIn } from './helpers/agent-client.js';
import { simulatorApi, type SimulatorApi } from './helpers/simulator.js';
import { demoTenant } from './helpers/tenants.js';
import { startTestGateway, type TestGateway } from './helpers/test-gateway.js';

let gateway: TestGateway;
let sim: SimulatorApi;
beforeAll(async () => {
  gateway = await startTestGateway({ tenants: [await demoTenant({ numberLists: { blacklist: ['13999999999'], whitelist: [] } })] });
  sim = simulatorApi(gateway);
});
afterEach(closeClients);
afterAll(() => gateway.close());

describe('previewObCall business errors', () => {
  it.each([
    ['20000 for characters no phone can dial', { customerNumber: '1380013800a' }, 20000, 'customerNumber contains characters'],
    ['20102 for what is not a phone number', { customerNumber: '12' }, 20102, 'bad tel'],
    ['20102 for a malformed backup number', { customerNumber: '13800138000', backupNumber: '99' }, 20102, 'backupNumber'],
    ['20031 for a blacklisted number', { customerNumber: '13999999999' }, 20031, 'restrict tel'],
    [
      '20032 for a caller ID the tenant does not own',
      { customerNumber: '13800138000', obClid: '01000000000' },
      20032,
      'bad obClidLeftNumber',
    ],
    ['20032 for an area code without caller ID', { customerNumber: '13800138000', obClidAreaCode: '0999' }, 20032, 'bad obClidLeftNumber'],
  ])('answers %s', async (_what, params, errorCode, message) => {
    const agent = await signIn(gateway, '1001');
    const response = await agent.sdk.previewObCall(params);
    expect(response).toMatchObject({ action: 'previewObCallResp', code: -1, errorCode });
    expect(response.message).toContain(message);
    expect(agent.log.of('previewObCallResult')).toEqual([]);
  });

  it('answers 20016 to an agent without outbound permission', async () => {
    const agent = await signIn(gateway, '1007');
    expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({ code: -1, errorCode: 20016 });
  });

  it('answers 20011 to an agent already in a call', async () => {
    await sim.setBehaviour('13800138020', { behavior: 'no-answer' });
    const agent = await signIn(gateway, '1002');
    expect(await agent.sdk.previewObCall({ customerNumber: '13800138020' })).toMatchObject({ code: 0 });
    expect(await agent.sdk.previewObCall({ customerNumber: '13800138021' })).toMatchObject({
      code: -1,
      errorCode: 20011,
      message: 'previewOutcall agent busy',
    });
    await agent.sdk.cancelPreviewObCall();
  });

  it('answers 20025 when the bound extension is not registered', async () => {
    await sim.setBehaviour('8003', { behavior: 'invalid' });
    const agent = await signIn(gateway, '1003', { bindEndpoint: { endpointType: 2, endpoint: '8003' } });
    const response = await agent.sdk.previewObCall({ customerNumber: '13800138000' });
    expect(response).toMatchObject({ code: -1, errorCode: 20025 });
    expect(response.message).toContain('8003 is not registered');
  });

  it('answers 20012 for an internal call to an agent who is offline or unknown', async () => {
    const agent = await signIn(gateway, '1004');
    expect(await agent.sdk.InternalCall({ targetType: 0, target: '1006' })).toMatchObject({ code: -1, errorCode: 20012 });
    expect(await agent.sdk.InternalCall({ targetType: 0, target: '4242' })).toMatchObject({ code: -1, errorCode: 20012 });
  });

  it('answers 10001 when the gateway fails inside', async () => {
    const failing = await startTestGateway();
    try {
      const agent = await signIn(failing, '1001');
      await failing.services.store.close();
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({
        code: -1,
        errorCode: 10001,
        message: 'Please try again later',
      });
    } finally {
      await failing.close().catch(() => undefined);
    }
  });
});

describe('previewObCall tenant rules', () => {
  it('answers 20024 when the tenant has outbound calling off, or caller ID groups off', async () => {
    const off = await startTestGateway({
      tenants: [await demoTenant({ features: { outbound: false, callerIdGroups: false, softphone: true } })],
    });
    try {
      const agent = await signIn(off, '1001');
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({ code: -1, errorCode: 20024 });
    } finally {
      await off.close();
    }
    const noGroups = await startTestGateway({
      tenants: [await demoTenant({ features: { outbound: true, callerIdGroups: false, softphone: true } })],
    });
    try {
      const agent = await signIn(noGroups, '1001');
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138000', obClidGroup: 'main' })).toMatchObject({
        code: -1,
        errorCode: 20024,
      });
    } finally {
      await noGroups.close();
    }
  });

  it('answers 20101 outside the tenant outbound hours', async () => {
    const hour = new Date().getUTCHours();
    const closed = {
      start: `${String((hour + 2) % 24).padStart(2, '0')}:00`,
      end: `${String((hour + 3) % 24).padStart(2, '0')}:00`,
      utcOffsetMinutes: 0,
    };
    const night = await startTestGateway({ tenants: [await demoTenant({ outboundHours: closed })] });
    try {
      const agent = await signIn(night, '1001');
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({
        code: -1,
        errorCode: 20101,
        message: 'previewOutcall not within the time allowed',
      });
    } finally {
      await night.close();
    }
  });

  it('dials only whitelisted numbers when the tenant has a whitelist', async () => {
    const strict = await startTestGateway({ tenants: [await demoTenant({ numberLists: { blacklist: [], whitelist: ['13800138000'] } })] });
    try {
      const agent = await signIn(strict, '1001');
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138001' })).toMatchObject({ code: -1, errorCode: 20031 });
      expect(await agent.sdk.previewObCall({ customerNumber: '13800138000' })).toMatchObject({ code: 0 });
      await agent.sdk.cancelPreviewObCall();
    } finally {
      await strict.close();
    }
  });
});
