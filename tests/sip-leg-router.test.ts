/**
 * The router of legs hands the switchboard's events to its subscribers: every subscriber gets each event even when one
 * throws (the switchboard reports the error), and a leg's `ended` carries the RTP counters its far-end driver left.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../packages/gateway/src/adapters/clock/system-clock.js';
import { CarrierSimulator } from '../packages/gateway/src/adapters/simulator/carrier-simulator.js';
import type { FarEndDriver, LegHost } from '../packages/gateway/src/adapters/telephony-router/far-end-driver.js';
import { LegRouter } from '../packages/gateway/src/adapters/telephony-router/leg-router.js';
import type { TelephonyEvent } from '../packages/gateway/src/ports/telephony.js';

/** A far end that answers nothing: the test drives its legs through the host it was given. */
function idleFarEnd(): FarEndDriver & { host?: LegHost } {
  const driver: FarEndDriver & { host?: LegHost } = {
    start: (host) => void (driver.host = host),
    handles: () => false,
    isReachable: () => false,
    dial: () => undefined,
    answer: () => undefined,
    hangup: () => undefined,
    sendDtmf: () => undefined,
    close: async () => undefined,
  };
  return driver;
}

async function until(condition: () => boolean): Promise<void> {
  await expect.poll(condition, { timeout: 2_000 }).toBe(true);
}

describe('the leg router', () => {
  it('gives every subscriber the event when one throws, and the switchboard reports the error', async () => {
    const errors: unknown[] = [];
    const switchboard = new CarrierSimulator({ clock: systemClock, onHandlerError: (error) => errors.push(error) });
    const router = new LegRouter({ switchboard, farEnds: [], virtualPhones: true });
    const seen: TelephonyEvent[] = [];
    router.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    router.subscribe((event) => seen.push(event));
    switchboard.placeInboundCall({ tenantId: 't', queueNo: '0', from: '13800138000' });
    await until(() => seen.some((event) => event.type === 'incoming'));
    expect(errors.map((error) => (error as Error).message)).toContain('a broken subscriber');
    await router.close();
  });

  it('puts the RTP counters a far end left for a leg on its ended event', async () => {
    const farEnd = idleFarEnd();
    const router = new LegRouter({ switchboard: new CarrierSimulator({ clock: systemClock }), farEnds: [farEnd], virtualPhones: false });
    const seen: TelephonyEvent[] = [];
    router.subscribe((event) => seen.push(event));
    const { legId } = farEnd.host!.inboundLeg(farEnd, { tenantId: 't', queueNo: '0', from: '13800138000' });
    const stats = { packetsSent: 10, packetsReceived: 9, packetsLost: 1, jitterMs: 2.5 };
    farEnd.host!.mediaEnded(legId, stats);
    farEnd.host!.ended(legId, 'normal');
    await until(() => seen.some((event) => event.type === 'ended'));
    expect(seen.find((event) => event.type === 'ended')).toEqual({ type: 'ended', legId, cause: 'normal', media: stats });
    await router.close();
  });
});
