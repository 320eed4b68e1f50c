/**
 * The console's words for failures (apps/console/src/sdk/refusal-messages.ts): gateway refusals by `errorCode`, the
 * SDK's local errors by `code`, and the softphone's failure reasons. The sentence carries no code; the original
 * message and code are kept in a details line.
 */
import { describe, expect, it } from 'vitest';
import { describeRefusal, describeSdkError, describeSoftphoneReason } from '../apps/console/src/sdk/refusal-messages.js';

describe('refusal messages', () => {
  it('explains rate limiting and operations only the SDK performs', () => {
    expect(describeRefusal({ message: 'rate limited', errorCode: 30011 })).toEqual({
      text: 'Too many requests in a short time: wait a moment, then try again.',
      details: 'Gateway: “rate limited” · code 30011',
    });
    expect(describeRefusal({ message: 'handled by the SDK', errorCode: 30012 }).text).toMatch(
      /^The softphone in your browser answers and hangs up its own calls/,
    );
    expect(describeRefusal({ message: 'something new', errorCode: 39999 })).toEqual({ text: 'something new', details: 'code 39999' });
  });

  it('never puts a code in the sentence', () => {
    const invalid = describeRefusal({ message: 'invalid customer number', errorCode: 20102 });
    expect(invalid.text).toBe('That is not a valid phone number.');
    expect(invalid.text).not.toMatch(/\d{5}/);
    expect(invalid.details).toBe('Gateway: “invalid customer number” · code 20102');
  });

  it('explains the softphone errors the SDK raises', () => {
    expect(describeSdkError({ code: 'SIP_NOT_AVAILABLE', message: 'sipLink: no call is ringing on the softphone' })).toEqual({
      text: 'Your softphone is not ready: wait until the top bar says “Softphone ready”, or sign in again.',
      details: 'SDK: “sipLink: no call is ringing on the softphone” · SIP_NOT_AVAILABLE',
    });
    expect(describeSdkError({ code: 'MEDIA_NOT_SUPPORTED', message: 'microphone permission denied' }).text).toMatch(
      /^This browser cannot use a microphone here: allow the microphone /,
    );
    expect(describeSdkError({ code: 'REQUEST_TIMEOUT', message: 'hold: no response within 10000 ms' })).toEqual({
      text: 'hold: no response within 10000 ms',
      details: 'REQUEST_TIMEOUT',
    });
  });

  it('reads the code a softphone failure reason starts with', () => {
    expect(describeSoftphoneReason('MEDIA_NOT_SUPPORTED: this environment has no WebRTC (RTCPeerConnection)').details).toBe(
      'SDK: “this environment has no WebRTC (RTCPeerConnection)” · MEDIA_NOT_SUPPORTED',
    );
    expect(describeSoftphoneReason('SIP registration refused: 401 Unauthorized')).toEqual({
      text: 'SIP registration refused: 401 Unauthorized',
    });
  });
});
