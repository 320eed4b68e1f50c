/**
 * SDP offer/answer (RFC 3264) for one audio stream of G.711 and RFC 4733 telephone-events, read and written with
 * sdp-transform. The gateway offers PCMU, PCMA and telephone-event/8000; it answers with the first G.711 codec of an
 * offer, and telephone-events when offered.
 */
import { parse, write, type MediaDescription, type SessionDescription } from 'sdp-transform';
import { G711_CODECS, type G711Codec } from '../media/g711.js';
import type { SipAddress } from './sip-udp-transport.js';

export const TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

/** What one side of a negotiated stream sends and where. */
export interface NegotiatedMedia {
  codec: G711Codec;
  /** Payload type of RFC 4733 telephone-events; undefined: not supported by the far end. */
  telephoneEvent: number | undefined;
  /** Where the far end receives RTP. */
  remote: SipAddress;
  /** The far end takes our audio (not `sendonly`/`inactive`, not a 0.0.0.0 address): it does not hold the call. */
  remoteReceives: boolean;
  /** The far end sends audio (not `recvonly`/`inactive`): the media timeout applies. */
  remoteSends: boolean;
}

export class SdpError extends Error {
  override readonly name = 'SdpError';
}

export interface LocalMedia {
  address: string;
  port: number;
  /** Session version, increased by each new offer or answer of the same session. */
  version: number;
}

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export function createOffer(local: LocalMedia): string {
  return describe(local, [...G711_CODECS], TELEPHONE_EVENT_PAYLOAD_TYPE, 'sendrecv');
}

/** A new offer in a running session (hold, resume): the codec and events agreed, the same port, a new direction. */
export function reoffer(local: LocalMedia, agreed: NegotiatedMedia, direction: MediaDirection): string {
  return describe(local, [agreed.codec], agreed.telephoneEvent, direction);
}

/** The answer to a remote offer, and what was agreed; throws SdpError when the offer has no G.711 audio. */
export function answerOffer(offer: string, local: LocalMedia): { answer: string; media: NegotiatedMedia } {
  const media = negotiate(offer);
  // A far end that holds the call (sendonly) is answered recvonly, one that only listens (recvonly) sendonly.
  const direction = !media.remoteReceives ? 'recvonly' : !media.remoteSends ? 'sendonly' : 'sendrecv';
  return { answer: describe(local, [media.codec], media.telephoneEvent, direction), media };
}

/** What a remote answer (or offer) agrees on; throws SdpError when it has no G.711 audio. */
export function negotiate(sdp: string): NegotiatedMedia {
  let session: SessionDescription;
  try {
    session = parse(sdp);
  } catch {
    throw new SdpError('unreadable SDP');
  }
  const audio = session.media.find((m) => m.type === 'audio' && m.port !== 0);
  if (!audio) throw new SdpError('no audio stream');
  const payloads = String(audio.payloads ?? '')
    .split(' ')
    .filter((item) => item !== '')
    .map(Number);
  const codec = payloads.map((pt) => codecOf(audio, pt)).find((found) => found !== undefined);
  if (!codec) throw new SdpError('no G.711 codec offered');
  const telephoneEvent = audio.rtp.find((rtp) => rtp.codec.toLowerCase() === 'telephone-event' && rtp.rate === 8000)?.payload;
  const address = audio.connection?.ip ?? session.connection?.ip ?? '';
  const direction = audio.direction ?? session.direction ?? 'sendrecv';
  return {
    codec,
    telephoneEvent,
    remote: { address, port: audio.port },
    remoteReceives: direction !== 'sendonly' && direction !== 'inactive' && address !== '0.0.0.0',
    remoteSends: direction !== 'recvonly' && direction !== 'inactive' && address !== '0.0.0.0',
  };
}

function codecOf(audio: MediaDescription, payloadType: number): G711Codec | undefined {
  const mapped = audio.rtp.find((rtp) => rtp.payload === payloadType);
  if (mapped) return G711_CODECS.find((codec) => codec.name === mapped.codec.toUpperCase() && mapped.rate === 8000);
  return G711_CODECS.find((codec) => codec.payloadType === payloadType);
}

function describe(local: LocalMedia, codecs: G711Codec[], telephoneEvent: number | undefined, direction: MediaDirection): string {
  const payloadTypes = [...codecs.map((codec) => codec.payloadType), ...(telephoneEvent === undefined ? [] : [telephoneEvent])];
  const session: SessionDescription = {
    version: 0,
    origin: {
      username: 'agent-gateway',
      sessionId: local.port,
      sessionVersion: local.version,
      netType: 'IN',
      ipVer: 4,
      address: local.address,
    },
    name: 'agent-gateway',
    connection: { version: 4, ip: local.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: 'audio',
        port: local.port,
        protocol: 'RTP/AVP',
        payloads: payloadTypes.join(' '),
        rtp: [
          ...codecs.map((codec) => ({ payload: codec.payloadType, codec: codec.name, rate: 8000 })),
          ...(telephoneEvent === undefined ? [] : [{ payload: telephoneEvent, codec: 'telephone-event', rate: 8000 }]),
        ],
        fmtp: telephoneEvent === undefined ? [] : [{ payload: telephoneEvent, config: '0-16' }],
        ptime: 20,
        direction,
      },
    ],
  };
  return write(session);
}
