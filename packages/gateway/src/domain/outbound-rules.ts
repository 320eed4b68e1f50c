/** The tenant's rules for dialling out: number format, time window, number lists and caller IDs. */
import { DIALLABLE_CHARACTERS, PHONE_NUMBER_PATTERN, type BusinessErrorName } from '@agentsdk/protocol';
import type { TenantConfig } from './tenant.js';

export type RuleResult<T> = { ok: true; value: T } | { ok: false; error: BusinessErrorName; message: string };

/** Strips formatting; `bad param` for characters no phone can dial, `bad tel` for what is not a phone number. */
export function normalizeNumber(field: string, raw: string): RuleResult<string> {
  if (!DIALLABLE_CHARACTERS.test(raw))
    return { ok: false, error: 'BAD_PARAM', message: `bad param: ${field} contains characters that cannot be dialled` };
  const number = raw.replace(/[\s\-()]/g, '');
  if (!PHONE_NUMBER_PATTERN.test(number)) return { ok: false, error: 'BAD_TEL', message: `bad tel: ${field} ${raw} is not a phone number` };
  return { ok: true, value: number };
}

export function isWithinOutboundHours(tenant: TenantConfig, now: number): boolean {
  const hours = tenant.outboundHours;
  if (!hours) return true;
  const local = new Date(now + hours.utcOffsetMinutes * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

export function isRestricted(tenant: TenantConfig, number: string): boolean {
  const { blacklist, whitelist } = tenant.numberLists;
  return blacklist.includes(number) || (whitelist.length > 0 && !whitelist.includes(number));
}

/** The caller ID to present: the one named, else the first of the area code or group asked for, else the tenant's first. */
export function chooseCallerId(
  tenant: TenantConfig,
  request: { obClid?: string; obClidAreaCode?: string; obClidGroup?: string },
): RuleResult<string | undefined> {
  if (request.obClidGroup !== undefined && !tenant.features.callerIdGroups) {
    return { ok: false, error: 'NO_OB_PERMISSION', message: 'no ob permission: caller ID groups are not enabled for the tenant' };
  }
  const owned = tenant.callerIds.filter(
    (callerId) =>
      (request.obClidAreaCode === undefined || callerId.areaCode === request.obClidAreaCode) &&
      (request.obClidGroup === undefined || callerId.group === request.obClidGroup),
  );
  if (request.obClid !== undefined) {
    if (!owned.some((callerId) => callerId.number === request.obClid)) {
      return { ok: false, error: 'BAD_OBCLID', message: `bad obClidLeftNumber: ${request.obClid} is not a caller ID of the tenant` };
    }
    return { ok: true, value: request.obClid };
  }
  if ((request.obClidAreaCode !== undefined || request.obClidGroup !== undefined) && owned.length === 0) {
    return {
      ok: false,
      error: 'BAD_OBCLID',
      message: 'bad obClidLeftNumber: no caller ID of the tenant matches obClidAreaCode/obClidGroup',
    };
  }
  return { ok: true, value: owned[0]?.number };
}
