/** Entry of the lazily loaded softphone bundle (`agent-sdk-softphone.js`): JsSIP and the WebRTC call handling. */
import type { SoftphoneModule } from '../softphone/softphone-contract.js';
import { listAudioDevices } from './audio-devices.js';
import { JsSipSoftphone } from './jssip-softphone.js';

export const startSoftphone: SoftphoneModule['startSoftphone'] = (options) => new JsSipSoftphone(options);
export { listAudioDevices };
