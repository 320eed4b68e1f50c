/**
 * The console's words for failures (apps/console/src/sdk/refusal-messages.ts): gateway refusals by `errorCode`, the
 * SDK's local errors by `code`, and the softphone's failure reasons. Each keeps the original message and code.
 */
import { describe, expect, it } from 'vitest';
import { describeRefusal, describeSdkError, describeSoftphoneReason } from '../apps/console/src/sdk/refusal-messages.js';

describe('refusal messages', () => {
  it('explains rate limiting and operations only the SDK performs', () => {
    expect(describeRefusal({ message: 'rate limited', errorCode: 30011 })).toBe('Too many requests in a short time: wait a moment, then try again. Gateway: “rate limited” (30011)');
    expect(describeRefusal({ message: 'handled by the SDK', errorCode: 30012 })).toMatch(/^The softphone in your browser answers and hangs up its own calls.* Gateway: “handled by the SDK” \(30012\)$/);
    expect(describeRefusal({ message: 'something new', errorCode: 39999 })).toBe('something new (39999)');
  });

  it('explains the softphone errors the SDK raises', () => {
    expect(describeSdkError({ code: 'SIP_NOT_AVAILABLE', message: 'sipLink: no call is ringing on the softphone' })).toBe(
      'Your softphone is not ready: wait until the top bar says “Softphone ready”, or sign in again. SDK: “sipLink: no call is ringing on the softphone” (SIP_NOT_AVAILABLE)',
    );
    expect(describeSdkError({ code: 'MEDIA_NOT_SUPPORTED', message: 'microphone permission denied' })).toMatch(/^This browser cannot use a microphone here: allow the microphone .* \(MEDIA_NOT_SUPPORTED\)$/);
    expect(describeSdkError({ code: 'REQUEST_TIMEOUT', message: 'hold: no response within 10000 ms' })).toBe('hold: no response within 10000 ms');
  });

  it('reads the code a softphone failure reason starts with', () => {
    expect(describeSoftphoneReason('MEDIA_NOT_SUPPORTED: this environment has no WebRTC (RTCPeerConnection)')).toContain('SDK: “this environment has no WebRTC (RTCPeerConnection)” (MEDIA_NOT_SUPPORTED)');
    expect(describeSoftphoneReason('SIP registration refused: 401 Unauthorized')).toBe('SIP registration refused: 401 Unauthorized');
  });
});
