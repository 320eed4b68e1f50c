/** What a tenant is: its agents, queues, pause reasons, caller IDs, permissions and IVRs. */
import * as v from 'valibot';
import type { IvrNode } from './call.js';
import { digestHa1, hashSecret, SIP_REALM } from './secret-hash.js';
import { EXTENSION_PATTERN, PHONE_NUMBER_PATTERN, PauseType } from '@agentsdk/protocol';

export const AGENT_PERMISSIONS = ['outbound', 'internalCall', 'transfer', 'ivr', 'survey'] as const;
export type AgentPermission = (typeof AGENT_PERMISSIONS)[number];

const AgentSchema = v.object({
  agentNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/)),
  name: v.string(),
  role: v.picklist(['agent', 'supervisor']),
  /** Queues the agent answers (agents) or watches (supervisors). */
  queues: v.optional(v.array(v.string()), []),
  permissions: v.optional(v.array(v.picklist(AGENT_PERMISSIONS)), [...AGENT_PERMISSIONS]),
});

const QueueSchema = v.object({
  queueNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,16}$/)),
  name: v.string(),
  strategy: v.optional(v.picklist(['longest-idle', 'round-robin', 'fewest-calls']), 'longest-idle'),
  ringTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(120)), 20),
  wrapupSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)), 30),
  queueTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10)), 600),
  serviceLevelSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 20),
  weight: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 1),
  /** Whether calls in this queue are recorded; absent: the tenant's `recordCalls`. */
  recordCalls: v.optional(v.boolean()),
});

const PauseReasonSchema = v.object({
  description: v.pipe(v.string(), v.nonEmpty()),
  // A configured reason is any pause type but FORCED, which only a supervisor's setPause sets.
  pauseType: v.picklist([PauseType.PRODUCTIVE, PauseType.NORMAL, PauseType.REST, PauseType.IM], 'pauseType must be 0, 1, 2 or 3'),
});

const CallerIdSchema = v.object({
  number: v.pipe(v.string(), v.regex(PHONE_NUMBER_PATTERN)),
  areaCode: v.optional(v.string()),
  group: v.optional(v.string()),
});

const IvrNodeSchema = v.object({
  id: v.string(),
  kind: v.picklist(['prompt', 'menu', 'collect', 'queue', 'returnToAgent', 'hangup']),
  prompt: v.optional(v.string()),
  /** menu: digit -> next node id. */
  choices: v.optional(v.record(v.string(), v.string())),
  /** collect: variable that receives the digits, and how many at most. */
  variable: v.optional(v.string()),
  maxDigits: v.optional(v.number()),
  next: v.optional(v.string()),
  queueNo: v.optional(v.string()),
});

const IvrSchema = v.object({ ivrId: v.string(), name: v.string(), nodes: v.array(IvrNodeSchema) });

/** Where a call to one of a trunk's numbers (DID) goes: a queue, or an IVR (which may hand it to a queue). */
const DidTargetSchema = v.union([v.strictObject({ queueNo: v.string() }), v.strictObject({ ivrId: v.string() })]);

/** A SIP trunk: the carrier behind the tenant's phone numbers, or a PBX (docs/telephony.md). */
const TrunkSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/)),
  /** Where outbound INVITEs go (an IPv4 address or a host name). */
  host: v.pipe(v.string(), v.nonEmpty()),
  port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65_535)), 5060),
  transport: v.optional(v.picklist(['udp', 'tcp']), 'udp'),
  /** Digest credentials the gateway answers the carrier's challenges with. */
  username: v.optional(v.string()),
  password: v.optional(v.string()),
  /** The carrier's digest realm: given with the password, only HA1 is kept (see `storedTrunk`). */
  realm: v.optional(v.string()),
  /** Whether the gateway keeps a registration with the carrier (REGISTER of `username`, refreshed). */
  register: v.optional(v.boolean(), false),
  /** Source addresses whose INVITEs are accepted as calls to this trunk's DIDs. */
  inboundFrom: v.optional(v.array(v.string()), []),
  dids: v.optional(v.record(v.pipe(v.string(), v.regex(PHONE_NUMBER_PATTERN)), DidTargetSchema), {}),
  /** Whether hold is signalled to the carrier by re-INVITE (`a=sendonly`, then `a=sendrecv`); false: only the mixer holds. */
  holdReinvite: v.optional(v.boolean(), true),
});

/** A SIP desk phone's credentials for one of the tenant's extensions: a password, or its HA1 in the realm `agentsdk`. */
const DeskPhoneSchema = v.pipe(
  v.object({
    extension: v.pipe(v.string(), v.regex(EXTENSION_PATTERN)),
    /** The digest username; default `<tenantId>-<extension>`. Unique across the gateway's tenants. */
    username: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/))),
    password: v.optional(v.pipe(v.string(), v.minLength(8))),
    ha1: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/))),
  }),
  v.check(
    (phone) => (phone.password === undefined) !== (phone.ha1 === undefined),
    'deskPhones: give a password or its ha1, one of the two',
  ),
);

/** A list of numbers the dialer works through: progressive tasks are dialled for their agents, preview tasks listed. */
const AutoDialTaskSchema = v.object({
  taskId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  name: v.string(),
  mode: v.picklist(['progressive', 'preview']),
  numbers: v.array(v.pipe(v.string(), v.regex(PHONE_NUMBER_PATTERN))),
  /** Must be one of the tenant's `callerIds`. */
  callerId: v.optional(v.pipe(v.string(), v.regex(PHONE_NUMBER_PATTERN))),
  customerAnswerTimeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(120)), 30),
});

export const TenantConfigSchema = v.pipe(
  v.object({
    tenantId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
    name: v.string(),
    /** Bearer key for the server-to-server API (session keys, simulator); kept only as its hash once parsed. */
    apiKey: v.pipe(v.string(), v.minLength(8)),
    agents: v.array(AgentSchema),
    queues: v.array(QueueSchema),
    pauseReasons: v.array(PauseReasonSchema),
    extensions: v.optional(v.array(v.pipe(v.string(), v.regex(EXTENSION_PATTERN))), []),
    callerIds: v.optional(v.array(CallerIdSchema), []),
    features: v.optional(
      v.object({
        outbound: v.optional(v.boolean(), true),
        callerIdGroups: v.optional(v.boolean(), false),
        softphone: v.optional(v.boolean(), true),
      }),
      {},
    ),
    /** Preview outbound is allowed between `start` and `end` (HH:MM, local time at `utcOffsetMinutes`); absent: always. */
    outboundHours: v.optional(
      v.object({
        start: v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)),
        end: v.pipe(v.string(), v.regex(/^([01][0-9]|2[0-4]):[0-5][0-9]$/)),
        utcOffsetMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-720), v.maxValue(840)), 0),
      }),
    ),
    /** Numbers never dialled (blacklist); when the whitelist is not empty, only its numbers are dialled. */
    numberLists: v.optional(
      v.object({ blacklist: v.optional(v.array(v.string()), []), whitelist: v.optional(v.array(v.string()), []) }),
      {},
    ),
    /** Outcomes an agent can give a call it handled (setDisposition), e.g. `{ code: 'SOLD', label: 'Sale made' }`. */
    dispositions: v.optional(
      v.array(v.object({ code: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/)), label: v.pipe(v.string(), v.nonEmpty()) })),
      [],
    ),
    /**
     * Whether an agent is told that a supervisor listens in (spy: `spyLink` / `spyUnlink`, `monitoredBy`). Default
     * false: listening is silent, as in the products teams know. Whisper, barge and three-way are always announced.
     */
    announceMonitoring: v.optional(v.boolean(), false),
    webrtc: v.optional(v.object({ stunServer: v.optional(v.string(), 'stun:stun.l.google.com:19302') }), {}),
    ivrs: v.optional(v.array(IvrSchema), []),
    autoDialTasks: v.optional(v.array(AutoDialTaskSchema), []),
    /** Calls with real audio are recorded under the data directory (docs/telephony.md). */
    recordCalls: v.optional(v.boolean(), true),
    trunks: v.optional(v.array(TrunkSchema), []),
    deskPhones: v.optional(v.array(DeskPhoneSchema), []),
  }),
  v.check(
    (tenant) =>
      tenant.autoDialTasks.every((task) => task.callerId === undefined || tenant.callerIds.some((id) => id.number === task.callerId)),
    "autoDialTasks: a callerId must be one of the tenant's callerIds",
  ),
  v.check(
    (tenant) => tenant.deskPhones.every((phone) => tenant.extensions.includes(phone.extension)),
    "deskPhones: an extension must be one of the tenant's extensions",
  ),
  v.transform(({ apiKey, deskPhones, trunks, ...tenant }) => ({
    ...tenant,
    apiKeyHash: hashSecret(apiKey),
    deskPhones: deskPhones.map((phone) => storedDeskPhone(tenant.tenantId, phone)),
    trunks: trunks.map(storedTrunk),
  })),
);

/** Secrets as they are kept once read: a desk phone's HA1, never its password. */
function storedDeskPhone(tenantId: string, { password, ha1, ...phone }: v.InferOutput<typeof DeskPhoneSchema>) {
  const username = phone.username ?? `${tenantId}-${phone.extension}`;
  return { ...phone, ha1: ha1 ?? digestHa1(username, SIP_REALM, password!) };
}

/**
 * A trunk's password is needed to answer a challenge in a realm only the carrier knows; with `realm` given, the
 * password's HA1 in that realm replaces it.
 */
function storedTrunk({
  password,
  ...trunk
}: v.InferOutput<typeof TrunkSchema>): Omit<v.InferOutput<typeof TrunkSchema>, 'password'> & TrunkSecret {
  if (password === undefined) return trunk;
  if (trunk.realm === undefined || trunk.username === undefined) return { ...trunk, password };
  return { ...trunk, ha1: digestHa1(trunk.username, trunk.realm, password) };
}

/** How a trunk keeps its digest password: as given (any realm), or as HA1 in its `realm`. */
export interface TrunkSecret {
  password?: string;
  ha1?: string;
}

export type TenantConfig = v.InferOutput<typeof TenantConfigSchema>;
export type TenantAgent = TenantConfig['agents'][number];
export type TenantQueue = TenantConfig['queues'][number];
export type PauseReason = TenantConfig['pauseReasons'][number];
export type AutoDialTask = TenantConfig['autoDialTasks'][number];
export type Trunk = TenantConfig['trunks'][number];
export type DeskPhone = TenantConfig['deskPhones'][number];

/** A desk phone's digest username. */
export function deskPhoneUsername(tenantId: string, phone: DeskPhone): string {
  return phone.username ?? `${tenantId}-${phone.extension}`;
}

/** Each configuration's agents by number, built on first use: lookups run per operation and per routed call. */
const agentsByNumber = new WeakMap<TenantConfig, Map<string, TenantAgent>>();

export function findAgent(tenant: TenantConfig, agentNo: string): TenantAgent | undefined {
  let agents = agentsByNumber.get(tenant);
  if (!agents) agentsByNumber.set(tenant, (agents = new Map(tenant.agents.map((agent) => [agent.agentNo, agent]))));
  return agents.get(agentNo);
}

/** Whether the agent answers the queue's calls. A supervisor's `queues` are the queues it watches, not ones it answers. */
export function answersQueue(agent: TenantAgent, queueNo: string): boolean {
  return agent.role === 'agent' && agent.queues.includes(queueNo);
}

export function findPauseReason(tenant: TenantConfig, description: string): PauseReason | undefined {
  return tenant.pauseReasons.find((reason) => reason.description === description);
}

/** A qid names a queue as `<tenantId>:<queueNo>` (docs/06-Types.md). */
export function qidOf(tenantId: string, queueNo: string): string {
  return `${tenantId}:${queueNo}`;
}

/** Wrap-up after the agent's own calls: that of the agent's first queue (queue calls use their queue's). */
export function wrapupSecondsOf(tenant: TenantConfig, agent: TenantAgent): number {
  const queue = tenant.queues.find((q) => agent.queues.includes(q.queueNo)) ?? tenant.queues[0];
  return queue?.wrapupSeconds ?? 30;
}

/** An IVR's nodes as a call walks them: each queue node knows how long that queue keeps a caller waiting. */
export function ivrNodesOf(tenant: TenantConfig, ivr: TenantConfig['ivrs'][number]): IvrNode[] {
  return ivr.nodes.map((node) => {
    const queue = node.queueNo === undefined ? undefined : tenant.queues.find((candidate) => candidate.queueNo === node.queueNo);
    return queue ? { ...node, queueTimeoutMs: queue.queueTimeoutSeconds * 1000 } : node;
  });
}
