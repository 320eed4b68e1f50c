/** Microphones and speakers: listing them, and opening the microphone with errors an agent can act on. */
import { AgentSdkError, ErrorCodes } from '../errors.js';
import type { AudioDevices } from '../softphone/softphone-contract.js';

export async function listAudioDevices(): Promise<AudioDevices> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const pick = (kind: MediaDeviceKind) =>
    devices.filter((device) => device.kind === kind).map(({ deviceId, label }) => ({ deviceId, label }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
}

/** The microphone's stream; rejects MEDIA_NOT_SUPPORTED saying whether permission, the device or HTTPS is missing. */
export async function openMicrophone(deviceId: string | undefined): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new AgentSdkError(ErrorCodes.MEDIA_NOT_SUPPORTED, 'no microphone access: the page must be served over HTTPS (or from localhost)');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: deviceId === undefined ? true : { deviceId: { exact: deviceId } },
      video: false,
    });
  } catch (error) {
    throw microphoneError(error, deviceId);
  }
}

function microphoneError(error: unknown, deviceId: string | undefined): AgentSdkError {
  const name =
    error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException) ? (error as Error).name : '';
  const details = { cause: name || String(error) };
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new AgentSdkError(
        ErrorCodes.MEDIA_NOT_SUPPORTED,
        'microphone permission denied: allow the microphone for this site and answer again',
        details,
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new AgentSdkError(
        ErrorCodes.MEDIA_NOT_SUPPORTED,
        deviceId === undefined
          ? 'no microphone found: connect one and answer again'
          : `microphone ${deviceId} not found: choose another with softphone.setInputDevice`,
        details,
      );
    case 'NotReadableError':
      return new AgentSdkError(
        ErrorCodes.MEDIA_NOT_SUPPORTED,
        'the microphone is in use by another application or failed to start',
        details,
      );
    default:
      return new AgentSdkError(ErrorCodes.MEDIA_NOT_SUPPORTED, `the microphone could not be opened (${details.cause})`, details);
  }
}
