/** Entry of the lazily loaded softphone bundle (`agent-sdk-softphone.js`): JsSIP and the WebRTC call handling. */
import type { SoftphoneModule } from '../softphone/softphone-contract.js';
import { listAudioDevices } from './audio-devices.js';
import { JsSipSoftphone } from './jssip-softphone.js';

export const startSoftphone: SoftphoneModule['startSoftphone'] = ({ login, ...settings }) =>
  new JsSipSoftphone({
    ...settings,
    socketUrl: login.webrtcSocketUrl,
    sipUri: `sip:${encodeURIComponent(login.bindEndpoint.endpoint)}@${login.sipIp || new URL(login.webrtcSocketUrl).hostname}`,
    username: login.sessionId,
    password: login.sipPwd,
    stunServer: login.webrtcStunServer ?? '',
  });
export { listAudioDevices };
