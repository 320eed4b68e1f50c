/**
 * The wire's value enums (CallType, PauseType, CallOutcome, ...) reach an app from one list, the protocol's contract:
 * as named exports of the SDK's ESM and CJS builds, and on the client itself (`AgentSDK.CallType`), also in the
 * script-tag bundle. Needs `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ContractConstants } from '@agentsdk/protocol';
import * as contract from '@agentsdk/protocol/contract';
import * as sdk from '@agentsdk/sdk';

const sdkDist = new URL('../packages/sdk/dist/', import.meta.url);
const contractValues = Object.entries(contract);

function scriptTagClient(): Record<string, unknown> {
  const page: Record<string, unknown> = { console };
  page.window = page;
  vm.runInNewContext(readFileSync(new URL('browser/agent-sdk.js', sdkDist), 'utf8'), page);
  return page.AgentSDK as Record<string, unknown>;
}

describe('wire enums', () => {
  it('are the constants the client type declares, no more and no fewer (checked by the type check)', () => {
    // ContractConstants is written out by hand for the bundled declarations; it must name every value of the contract.
    expectTypeOf<keyof ContractConstants>().toEqualTypeOf<keyof typeof contract>();
  });

  it('include the enumerated values a console needs', () => {
    expect(Object.keys(contract)).toEqual(
      expect.arrayContaining([
        'CallType',
        'PauseType',
        'EndpointType',
        'LoginStatus',
        'DeviceStatus',
        'AgentStateName',
        'AgentStateAction',
        'MonitorMode',
        'CallOutcome',
        'SessionTerminateReason',
        'CallSide',
        'MuteDirection',
        'ForcedLogoutReason',
        'ConnectionState',
        'SoftphoneState',
        'EventType',
        'BusinessErrorCode',
      ]),
    );
    expect(contract.CallOutcome.CUSTOMER_BUSY).toBe('customerBusy');
    expect(contract.MonitorMode.WHISPER).toBe('whisper');
  });

  it('are named exports of the SDK source, ESM and CJS builds, equal to the protocol', async () => {
    const esm = (await import(new URL('esm/agent-sdk.js', sdkDist).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(new URL('cjs/agent-sdk.cjs', sdkDist).pathname) as Record<string, unknown>;
    for (const build of [sdk as Record<string, unknown>, esm, cjs]) {
      for (const [name, value] of contractValues) expect(build[name], name).toEqual(value);
    }
  });

  it('are on the client: AgentSDK.CallType in ESM and in a script-tag page', () => {
    const page = scriptTagClient();
    for (const client of [
      sdk.AgentSDK as unknown as Record<string, unknown>,
      sdk.createAgentSdk() as unknown as Record<string, unknown>,
      page,
    ]) {
      for (const [name, value] of contractValues) expect(client[name], name).toEqual(value);
    }
  });
});
