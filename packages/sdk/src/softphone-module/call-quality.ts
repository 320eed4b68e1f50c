/**
 * `webrtcStats`: call quality from RTCPeerConnection.getStats() every 2 s, with an estimated MOS from the E-model
 * (ITU-T G.107) simplified the usual way: R = 93.2 minus a delay impairment and 2.5 per percent of packet loss.
 */
import type { WebrtcStatsEvent } from '@agentsdk/protocol';

export const STATS_INTERVAL_MS = 2_000;

type Sample = Omit<WebrtcStatsEvent, 'callId' | 'sipCallId'>;

interface Totals {
  at: number;
  bytesReceived: number;
  bytesSent: number;
  packetsReceived: number;
  packetsLost: number;
}

/** Turns successive getStats() reports of one call into samples (deltas need the previous report). */
export class CallQuality {
  private previous: Totals | undefined;

  async sample(pc: RTCPeerConnection): Promise<Sample> {
    const report = await pc.getStats();
    let inbound: Record<string, number> = {};
    let outbound: Record<string, number> = {};
    let sourceLevel = 0;
    let remoteRtt: number | undefined;
    let pairRtt: number | undefined;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.kind !== undefined && stat.kind !== 'audio') return;
      if (stat.type === 'inbound-rtp') inbound = stat as Record<string, number>;
      else if (stat.type === 'outbound-rtp') outbound = stat as Record<string, number>;
      else if (stat.type === 'media-source') sourceLevel = Number(stat.audioLevel ?? 0);
      else if (stat.type === 'remote-inbound-rtp' && typeof stat.roundTripTime === 'number') remoteRtt = stat.roundTripTime;
      else if (
        stat.type === 'candidate-pair' &&
        stat.nominated === true &&
        stat.state === 'succeeded' &&
        typeof stat.currentRoundTripTime === 'number'
      ) {
        pairRtt = stat.currentRoundTripTime;
      }
    });
    const now = Date.now();
    const totals: Totals = {
      at: now,
      bytesReceived: inbound.bytesReceived ?? 0,
      bytesSent: outbound.bytesSent ?? 0,
      packetsReceived: inbound.packetsReceived ?? 0,
      packetsLost: Math.max(0, inbound.packetsLost ?? 0),
    };
    const previous = this.previous ?? { at: now, bytesReceived: 0, bytesSent: 0, packetsReceived: 0, packetsLost: 0 };
    this.previous = totals;
    const seconds = Math.max((totals.at - previous.at) / 1000, 0.001);
    const received = totals.packetsReceived - previous.packetsReceived;
    const lost = totals.packetsLost - previous.packetsLost;
    const packetLossPercent = received + lost > 0 ? round((lost / (received + lost)) * 100) : 0;
    const roundTripTime = round(((remoteRtt ?? pairRtt ?? 0) as number) * 1000);
    const jitter = round((inbound.jitter ?? 0) * 1000);
    return {
      timestamp: now,
      roundTripTime,
      jitter,
      packetsLost: totals.packetsLost,
      packetLossPercent,
      audioLevelIn: round(inbound.audioLevel ?? 0, 3),
      audioLevelOut: round(sourceLevel, 3),
      bitrateIn: previous.at === now ? 0 : round(((totals.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds),
      bitrateOut: previous.at === now ? 0 : round(((totals.bytesSent - previous.bytesSent) * 8) / 1000 / seconds),
      mos: estimateMos(roundTripTime, jitter, packetLossPercent),
      connectionState: pc.connectionState,
    };
  }
}

/** MOS 1-4.5 from round-trip time (ms), jitter (ms) and packet loss (%). */
export function estimateMos(roundTripTimeMs: number, jitterMs: number, packetLossPercent: number): number {
  const effectiveLatency = roundTripTimeMs / 2 + jitterMs * 2 + 10;
  let r = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  r -= packetLossPercent * 2.5;
  r = Math.max(0, Math.min(100, r));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return round(Math.max(1, Math.min(4.5, mos)), 2);
}

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
