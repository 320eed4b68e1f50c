/** The demo tenant with a SIP trunk (its carrier a baresip on `carrierPort`), desk phones for extensions 8001-8003, and those phones registered. */
import type { TenantConfig } from '@agentsdk/gateway';
import { demoTenant } from './tenants.js';
import { Baresip } from './baresip.js';
import { digestHa1, SIP_REALM } from '../../packages/gateway/src/domain/secret-hash.js';

export const DESK_PHONE_PASSWORD = 'desk-phone-secret';

export interface SipTenantOptions {
  carrierPort: number;
  /** Digest credentials the gateway answers the carrier's challenge with. */
  trunkCredentials?: { username: string; password: string };
  /** The gateway registers with the carrier. */
  register?: boolean;
  /**
   * Hold is signalled to the carrier by re-INVITE (default). baresip 1.0.0 stops dumping what it hears after any
   * re-INVITE that is not sendrecv (audio_decoder_set flushes its decode filters, sndfile among them, and never sets
   * them up again), so a test that measures a held baresip's ears after the hold turns this off.
   */
  holdReinvite?: boolean;
}

export async function sipTenant({
  carrierPort,
  trunkCredentials,
  register = false,
  holdReinvite = true,
}: SipTenantOptions): Promise<TenantConfig> {
  return demoTenant({
    trunks: [
      {
        name: 'carrier-a',
        host: '127.0.0.1',
        port: carrierPort,
        transport: 'udp',
        register,
        holdReinvite,
        inboundFrom: ['127.0.0.1'],
        dids: { '02088880000': { queueNo: '0' } },
        ...trunkCredentials,
      },
    ],
    // As the tenant file keeps them once read: the password's HA1 (username demo-<extension>, realm agentsdk).
    deskPhones: ['8001', '8002', '8003'].map((extension) => ({
      extension,
      ha1: digestHa1(`demo-${extension}`, SIP_REALM, DESK_PHONE_PASSWORD),
    })),
  });
}

/** A desk phone (baresip) registered as `extension` of the demo tenant with the gateway's SIP port, auto-answering. */
export async function registeredDeskPhone(sipPort: number, extension: string, toneHz: number): Promise<Baresip> {
  const phone = await Baresip.start({
    user: extension,
    toneHz,
    registrar: `127.0.0.1:${sipPort}`,
    accountParams: `auth_user=demo-${extension};auth_pass=${DESK_PHONE_PASSWORD};regint=600;answermode=auto`,
  });
  await phone.registered();
  return phone;
}
