/** The composition root: wires the store, bus, clock, application services and transports of one gateway node. */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { CloseCode, MAX_FRAME_BYTES } from '@agentsdk/protocol';
import { openSqliteStore } from './adapters/sqlite/sqlite-store.js';
import { liveStoreCallRecords } from './adapters/live-store/live-store-call-records.js';
import { openPostgresCallRecords } from './adapters/postgres/postgres-call-records.js';
import { CallRecordOutbox } from './application/call-record-outbox.js';
import { callsFeedingRecords } from './application/calls-feeding-records.js';
import { registerCallRecordMetrics } from './transport/call-record-metrics.js';
import { RecordingNotes } from './application/recording-notes.js';
import { createMemoryBus } from './adapters/memory-bus/memory-bus.js';
import { systemClock } from './adapters/clock/system-clock.js';
import { AgentService } from './application/agent-service.js';
import { AcdRouter } from './application/acd-router.js';
import { DialerService } from './application/auto-dialer.js';
import { DialerTasks } from './application/dialer-tasks.js';
import { registerDialerTaskRoutes } from './transport/dialer-task-routes.js';
import { CallService } from './application/call-service.js';
import { CarrierSimulator } from './adapters/simulator/carrier-simulator.js';
import { SipEdge } from './adapters/webrtc-edge/sip-edge.js';
import { registerSipEndpoint } from './adapters/webrtc-edge/sip-route.js';
import { WebRtcEdgeDriver } from './adapters/webrtc-edge/webrtc-edge-driver.js';
import { LegRouter } from './adapters/telephony-router/leg-router.js';
import { ClusterPhones } from './adapters/telephony-router/cluster-phones.js';
import { PhoneRegistrationChanges } from './adapters/telephony-router/phone-registration-changes.js';
import type { FarEndDriver } from './adapters/telephony-router/far-end-driver.js';
import { SipDriver } from './adapters/sip/sip-driver.js';
import { CallRecordings } from './adapters/media/call-recordings.js';
import { registerRecordingRoute } from './transport/recording-route.js';
import type { PortRange } from './adapters/sip/rtp-port-range.js';
import type { SessionTimerSettings } from './adapters/sip/session-timer.js';
import { RecordingPolicy } from './adapters/media/recording-policy.js';
import { SIP_REALM, sipCredentialsLookup } from './application/sip-credentials.js';
import { registerCallRecordRoutes } from './transport/call-record-routes.js';
import { registerAgentPresenceRoute } from './transport/agent-presence-route.js';
import { registerDemoRoutes } from './transport/demo-routes.js';
import { clientErrorHandler, frameworkErrorHandler, registerHttpErrorHandlers } from './transport/http-errors.js';
import { registerJsonBodyParser } from './transport/json-body.js';
import { registerSimulatorRoutes } from './transport/simulator-routes.js';
import { Dispatcher } from './application/dispatcher.js';
import { LiveSessions } from './application/live-sessions.js';
import { OwnerLease } from './application/owner-lease.js';
import { OwnerLiveness } from './application/owner-liveness.js';
import { endCallsOf } from './application/owner-recovery.js';
import { serveNodeRequests } from './application/node-requests.js';
import { QueueStatusFeed } from './application/queue-status-feed.js';
import { RoutingSignals } from './application/routing-signals.js';
import { CallChanges } from './application/call-changes.js';
import { createLogger, unredacted, type DestinationStream } from './adapters/logging/pino-logger.js';
import type { Logger } from './ports/logger.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from './application/rate-limiter.js';
import { SharedRateLimiter } from './application/shared-rate-limiter.js';
import { ConnectionCap } from './application/connection-cap.js';
import { createMemoryLimits } from './adapters/memory-limits/memory-limits.js';
import type { GatewayServices } from './application/operation-context.js';
import { endSession, endSessionsOfKey } from './application/session-endings.js';
import { SessionKeys } from './application/session-keys.js';
import { TenantDirectory } from './application/tenant-directory.js';
import { DEMO_TENANT_FILE, loadTenantConfigFile } from './config/tenant-config-file.js';
import type { TenantConfig } from './domain/tenant.js';
import type { Clock } from './ports/clock.js';
import type { Bus } from './ports/bus.js';
import type { SharedLimits } from './ports/shared-limits.js';
import type { Store } from './ports/store.js';
import { GatewayMetrics } from './transport/metrics.js';
import { registerSessionKeyRoutes } from './transport/session-key-routes.js';
import { registerWebSocketEndpoint } from './transport/websocket-endpoint.js';
import { registerHttpAccessLog } from './transport/http-access-log.js';
import { registerCommitBeforeReply } from './transport/commit-before-reply.js';
import { registerHttpSecurity } from './transport/http-security.js';
import { originPolicy, ownOriginsOf } from './transport/origin-policy.js';
import { registerTelemetryRoutes } from './transport/telemetry-routes.js';

export interface GatewayOptions {
  /** 0 picks a free port. Default 8080. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Directory of the SQLite file; omitted: an in-memory store that ends with the process. */
  dataDir?: string;
  /** Another store adapter (several nodes share one); replaces the SQLite store of `dataDir`. */
  store?: Store;
  /** Another bus adapter (several nodes share one); replaces the in-process bus. */
  bus?: Bus;
  /**
   * PostgreSQL connection string (`postgres://user@host:5432/db`): ended calls' records are copied there and `/cdrs`
   * reads them from there (docs/durability.md). Its schema is migrated at start. Omitted: `/cdrs` reads the store.
   */
  databaseUrl?: string;
  /**
   * Where sign-in and tenant API rate limits and per-address connection counts are kept (several nodes share them);
   * default: this process's memory.
   */
  limits?: SharedLimits;
  /** Tenant configuration files; default: the shipped demo tenant. */
  tenantConfigFiles?: string[];
  /** Tenants given directly (tests), in addition to the files. */
  tenants?: TenantConfig[];
  clock?: Clock;
  /** Names this node in logs (`node`), metrics (`agent_gateway_node_info`) and `/healthz`. Default `node-` and 8 hex digits. */
  nodeId?: string;
  /** pino level; default `info`. */
  logLevel?: string;
  /** How long a session without a socket may be resumed. Default 120 s. */
  resumeGraceMs?: number;
  /** The clients' ping interval; a socket silent for three intervals is closed. Default 30 s. */
  heartbeatIntervalMs?: number;
  /** Supervisors get at most one live `queueStatus` push per this many ms. Default 1000. */
  queueStatusIntervalMs?: number;
  /**
   * Embedded mode (default true): serve the carrier simulator's control API and the demo directory the console's
   * demo sign-in uses. Set false in production.
   */
  embedded?: boolean;
  /** Embedded mode: the demo tenant's API key, handed to the console's demo sign-in. Default `demo-api-key`. */
  demoApiKey?: string;
  /**
   * Address the softphones' WebRTC media (ICE) uses. Default: `host` when it names one address (127.0.0.1 by
   * default), every interface when `host` is 0.0.0.0 or ::.
   */
  mediaAddress?: string;
  /** Where log lines go (tests read them); default standard output. */
  logDestination?: DestinationStream;
  /**
   * Origins whose pages may open the WebSocket and read API responses (CORS), such as `https://crm.example.com`, or
   * `*` for any. Default: any origin in embedded mode, only the gateway's own origin otherwise.
   */
  allowedOrigins?: string[];
  /**
   * Where browsers reach the gateway (`https://agents.example.com`), behind a proxy or not: its pages may open the
   * WebSocket in production mode. Default: the listen address (`http://127.0.0.1:8080` and `http://localhost:8080`).
   */
  publicUrl?: string;
  /** Origins that may frame the console (CSP frame-ancestors). Default none: the console refuses to be framed. */
  frameAncestors?: string[];
  /** A WebSocket that has not signed in (or resumed) this long after opening is closed with 4103. Default 10 s. */
  signInTimeoutMs?: number;
  /** Open WebSockets one client address may hold (an office behind one NAT shares one). Default 1000. */
  maxConnectionsPerAddress?: number;
  /**
   * Addresses of the proxies in front (load balancer, TLS terminator) whose `X-Forwarded-For` names the client, for
   * the per-address limits. Default none: the peer address is the client's.
   */
  trustedProxies?: string[];
  /** Token-bucket rate limits (docs/security.md); each one given replaces its default. */
  rateLimits?: Partial<RateLimits>;
  /** Bytes waiting to be sent to one socket beyond which its client is too slow and is closed with 4102. Default 1 MiB. */
  sendBufferLimitBytes?: number;
  /**
   * Nodes sharing a store renew their lease this often; one silent for `leaseLapseMs` is dead and the others end its
   * calls and take its sessions over (docs/03-Core-Concepts-and-Lifecycle.md). Defaults 2 s and 6 s.
   */
  leaseRenewMs?: number;
  leaseLapseMs?: number;
  /**
   * Far-end drivers tried before the built-in ones (SIP, then the WebRTC edge) for each leg the gateway dials; the
   * first that handles a destination takes the leg.
   */
  farEndDrivers?: FarEndDriver[];
  /**
   * UDP port of SIP trunks and desk phones (docs/telephony.md), on `host`; 0 picks a free port. Omitted: no SIP
   * (`npm start` sets it from `AGENT_GATEWAY_SIP_PORT`, default 5060).
   */
  sipPort?: number;
  /** Ports the RTP of SIP legs uses. Default 20000-20999. */
  rtpPorts?: PortRange;
  /** An answered SIP leg without RTP for this long ends. Default 30 s. */
  mediaTimeoutMs?: number;
  /** How often UDP trunks get an OPTIONS keep-alive (`agent_gateway_sip_trunk_up`). Default 30 s. */
  trunkKeepAliveMs?: number;
  /** RFC 4028 session timers of SIP legs: the interval asked for (default 1800 s) and the shortest accepted (default 90 s). */
  sipSessionTimer?: SessionTimerSettings;
  /**
   * The secret the nodes of a cluster authenticate each other's calls with (docs/multi-node.md, docs/security.md):
   * with it and `sipPort`, a phone registered with another node is rung through that node. Omitted: legs reach only
   * the phones registered with this node (`npm start`: `AGENT_GATEWAY_CLUSTER_SECRET`).
   */
  clusterSecret?: string;
}

export interface Gateway {
  /** http://host:port */
  url: string;
  port: number;
  /** `GatewayOptions.nodeId`, or the generated one. */
  nodeId: string;
  services: GatewayServices;
  liveSessions: LiveSessions;
  /** Every leg's switchboard; in embedded mode also the virtual customers and agent phones. */
  simulator: CarrierSimulator;
  /** The telephony driver: picks a far-end driver per leg. */
  telephony: LegRouter;
  /** The SIP-over-WebSocket edge softphones register on (`/sip`). */
  sipEdge: SipEdge;
  /** SIP trunks and desk phones, when `sipPort` is given. */
  sip: SipDriver | undefined;
  router: AcdRouter;
  logger: Logger;
  close(): Promise<void>;
}

/** How long a stop waits for call records to be written. */
const RECORDS_DRAIN_MS = 5_000;

/** SIP requests one address that is no trunk's may send (phones registering and answering, probes, floods). */
const SIP_REQUESTS_PER_ADDRESS = { perSecond: 50, burst: 200 };

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONSOLE_DIR = join(REPOSITORY_ROOT, 'apps/console/public');
const SDK_BROWSER_DIR = join(REPOSITORY_ROOT, 'packages/sdk/dist/browser');

export async function startGateway(options: GatewayOptions = {}): Promise<Gateway> {
  // This process's boot id owns its calls and sockets; the node id names the node in logs, metrics and /healthz.
  const ownerId = randomUUID();
  const nodeId = options.nodeId ?? `node-${ownerId.slice(0, 8)}`;
  const logger = createLogger(options.logLevel ?? 'info', options.logDestination, { node: nodeId });
  const embedded = options.embedded ?? true;
  let ownOrigins: string[] = [];
  const origins = originPolicy(options.allowedOrigins, embedded, () => ownOrigins);
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const clock = options.clock ?? systemClock;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const liveStore = options.store ?? openSqliteStore(options.dataDir ? join(options.dataDir, 'agent-gateway.sqlite') : ':memory:');
  const configured = [...(options.tenants ?? [])];
  for (const file of options.tenantConfigFiles ?? (options.tenants ? [] : [DEMO_TENANT_FILE]))
    configured.push(...(await loadTenantConfigFile(file)));
  for (const tenant of configured) await liveStore.tenants.upsert(tenant);
  const tenants = new TenantDirectory(await liveStore.tenants.list());
  const callRecords = options.databaseUrl
    ? await openPostgresCallRecords({ databaseUrl: options.databaseUrl, logger })
    : liveStoreCallRecords(liveStore.calls);
  // Records kept apart from the live store (PostgreSQL) are copied there; without DATABASE_URL the live store's ended
  // calls are the records, and nothing is copied.
  const recordOutbox = options.databaseUrl
    ? new CallRecordOutbox({
        records: callRecords,
        live: { calls: liveStore.calls, tenantIds: () => tenants.all().map((tenant) => tenant.tenantId) },
        clock,
        logger,
      })
    : undefined;
  /** Records a crash or a stop left unwritten, this node's previous run's or a lost node's, are still in the store. */
  const catchUpRecords = (why: string) => {
    recordOutbox?.catchUp().then(
      (count) => logger.info({ count, why }, 'recent call records queued for the call records'),
      (error: unknown) => logger.error({ err: error, why }, 'queuing recent call records failed'),
    );
  };
  // Whoever ends a call or changes an ended one, its record follows to the call records.
  const store: Store = recordOutbox
    ? { ...liveStore, calls: callsFeedingRecords(liveStore.calls, (record, revision) => recordOutbox.enqueue(record, revision)) }
    : liveStore;
  const bus = options.bus ?? createMemoryBus();
  const limits = options.limits ?? createMemoryLimits();
  const sharedRateLimiter = (name: keyof RateLimits) => new SharedRateLimiter(limits, clock, logger, name, rateLimits[name]);

  const queueStatusFeed = new QueueStatusFeed({ store, bus, clock, tenants, logger, intervalMs: options.queueStatusIntervalMs ?? 1_000 });
  const routing = new RoutingSignals();
  const agents = new AgentService(store, bus, clock, logger, routing, (record) => queueStatusFeed.agentChanged(record));
  const liveSessions = new LiveSessions({
    nodeId: ownerId,
    bus,
    log: store.sessionEvents,
    clock,
    resumeGraceMs: options.resumeGraceMs ?? 120_000,
    replayLimit: 500,
    onGraceExpired: (record) => {
      endSession({ agents, store, bus, clock }, record, 'sessionExpired').catch((error: unknown) =>
        logger.error({ err: error }, 'ending an expired session failed'),
      );
    },
    onDetached: (record) => {
      agents
        .executeAndApply(record.tenantId, record.agentNo, { type: 'socketDetached', sessionId: record.sessionId, at: clock.now() })
        .catch((error: unknown) => logger.error({ err: error }, 'marking a session detached failed'));
    },
    onLogError: (error) => logger.error({ err: error }, 'session event log failed'),
  });
  const simulator = new CarrierSimulator({ clock, onHandlerError: (error) => logger.error({ err: error }, 'telephony handler failed') });
  const host = options.host ?? '127.0.0.1';
  const findSipCredentials = sipCredentialsLookup(store, agents, liveSessions);
  const phoneChanges = new PhoneRegistrationChanges();
  const sipEdge = new SipEdge({
    realm: SIP_REALM,
    findCredentials: findSipCredentials,
    isSessionLive: (sessionId) => liveSessions.has(sessionId),
    logger,
    onSoftphone: (tenantId, address, expiresAt) => phoneChanges.changed({ tenantId, kind: 'softphone', address, expiresAt }),
  });
  const metrics = new GatewayMetrics({
    node: { nodeId, bootId: ownerId },
    liveSessionCount: () => liveSessions.size,
    tenants: () => tenants.all(),
    activeCalls: (tenantId) => store.calls.listActive(tenantId),
    now: () => clock.now(),
  });
  if (recordOutbox) registerCallRecordMetrics(metrics.registry, recordOutbox);
  const sipRequestLimiter = new RateLimiter<string>(systemClock, SIP_REQUESTS_PER_ADDRESS);
  const sip =
    options.sipPort === undefined
      ? undefined
      : await SipDriver.open({
          host: singleAddress(host) ?? '0.0.0.0',
          port: options.sipPort,
          advertisedAddress: options.mediaAddress ?? singleAddress(host),
          rtpPorts: options.rtpPorts,
          mediaTimeoutMs: options.mediaTimeoutMs,
          realm: SIP_REALM,
          tenants: () => tenants.all(),
          logger,
          onRefused: (reason) => metrics.sipRefused(reason),
          admits: (address) => sipRequestLimiter.take(address),
          trunkKeepAliveMs: options.trunkKeepAliveMs,
          sessionTimer: options.sipSessionTimer,
          onTrunkStatus: (tenantId, trunk, up) => metrics.trunkStatus(tenantId, trunk, up),
          clusterSecret: options.clusterSecret,
          onDeskPhone: (tenantId, address, expiresAt) => phoneChanges.changed({ tenantId, kind: 'extension', address, expiresAt }),
        });
  const leaseLapseMs = options.leaseLapseMs ?? 6_000;
  // Where the other nodes send their INVITEs for this node's phones.
  const nodeSipHost = options.mediaAddress ?? singleAddress(host);
  if (sip && options.clusterSecret !== undefined && nodeSipHost === undefined)
    throw new Error('clusterSecret: the other nodes need an address of this node: a HOST of one address, or mediaAddress');
  const clusterPhones =
    sip && options.clusterSecret !== undefined && nodeSipHost !== undefined
      ? new ClusterPhones({
          registrations: store.phoneRegistrations,
          leases: store.leases,
          ownerId,
          sipAddress: { host: nodeSipHost, port: sip.address.port },
          lapseMs: leaseLapseMs,
          clock,
          logger,
        })
      : undefined;
  if (clusterPhones) phoneChanges.on((change) => clusterPhones.changed(change));
  const softphones = new WebRtcEdgeDriver({
    edge: sipEdge,
    clock,
    logger,
    media: { hostAddress: options.mediaAddress ?? singleAddress(host) },
  });
  const recordingNotes = new RecordingNotes(store.calls, nodeId, logger);
  const recordingPolicy = new RecordingPolicy((tenantId) => tenants.get(tenantId));
  const recordings = options.dataDir
    ? new CallRecordings(
        join(options.dataDir, 'recordings'),
        simulator,
        (tenantId, callId) => recordingPolicy.records(tenantId, callId),
        (completed) => recordingNotes.note(completed),
      )
    : undefined;
  const telephony = new LegRouter({
    recordings,
    switchboard: simulator,
    farEnds: [...(options.farEndDrivers ?? []), ...(sip ? [sip] : []), softphones],
    virtualPhones: embedded,
    ...(sip && clusterPhones && { cluster: { phones: clusterPhones, trunk: sip } }),
  });
  const callChanges = new CallChanges();
  const liveness = new OwnerLiveness(leaseLapseMs);
  const calls = new CallService(ownerId, store, bus, clock, liveness, telephony, agents, tenants, logger, routing, (call) =>
    callChanges.changed(call),
  );
  const router = new AcdRouter(store, tenants, agents, calls, logger);
  const dialer = new DialerService(
    { ownerId, store, bus, clock, tenants, agents, calls, telephony, localAgents: (tenantId) => liveSessions.agentsOf(tenantId) },
    logger,
  );
  callChanges.on((call) => recordingPolicy.callChanged(call));
  callChanges.on((call) => queueStatusFeed.callChanged(call));
  callChanges.on((call) => dialer.callChanged(call));
  // An available agent is offered to its queues' waiting calls, then to the dialer; the first to lock the agent wins.
  routing.onQueue((tenantId, queueNo) => router.route(tenantId, queueNo));
  routing.onAgentAvailable((tenantId, agentNo) => router.agentAvailable(tenantId, agentNo));
  routing.onAgentAvailable((tenantId, agentNo) => dialer.agentAvailable(tenantId, agentNo));
  calls.start();
  const stopServingNodes = await serveNodeRequests(bus, ownerId, calls);
  const services: GatewayServices = {
    ownerId,
    store,
    bus,
    clock,
    tenants,
    sessionKeys: new SessionKeys(store.sessionKeys, clock),
    agents,
    calls,
    telephony,
    dialer,
    liveSessions,
  };
  const exclusiveStore = !options.store;
  const lease = new OwnerLease({
    services,
    clock,
    logger,
    exclusive: exclusiveStore,
    renewMs: options.leaseRenewMs ?? 2_000,
    liveness,
    onOwnerLost: async (lostOwnerId) => {
      catchUpRecords('a node was lost');
      await limits.forgetHolder(lostOwnerId);
      await store.phoneRegistrations.removeOwner(lostOwnerId);
    },
  });
  await lease.start();
  for (const tenant of tenants.all()) await agents.resumeTimers(tenant.tenantId);
  const dialerTasks = new DialerTasks(store.dialer, clock, (task, change) => dialer.taskChanged(task, change));
  for (const tenant of tenants.all()) await dialerTasks.seed(tenant);

  const app = Fastify({
    logger: false,
    bodyLimit: MAX_FRAME_BYTES,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    trustProxy: options.trustedProxies ?? false,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  registerHttpErrorHandlers(app);
  registerJsonBodyParser(app);
  registerHttpAccessLog(app, logger);
  registerCommitBeforeReply(app);
  await registerHttpSecurity(app, {
    origins,
    frameAncestors: options.frameAncestors ?? [],
    tenants,
    tenantApiLimiter: sharedRateLimiter('tenantApiRequests'),
    onRateLimited: () => metrics.rateLimited('tenantApi'),
  });
  registerWebSocketEndpoint(app, {
    dispatcher: new Dispatcher(services, logger, unredacted(logger), metrics, {
      requests: new RateLimiter(clock, rateLimits.sessionRequests),
      signInsPerAddress: sharedRateLimiter('signInsPerAddress'),
      signInsPerAgent: sharedRateLimiter('signInsPerAgent'),
    }),
    liveSessions: services.liveSessions,
    logger,
    metrics,
    idleTimeoutMs: 3 * (options.heartbeatIntervalMs ?? 30_000),
    signInTimeoutMs: options.signInTimeoutMs ?? 10_000,
    connectionCap: new ConnectionCap(limits, ownerId, logger, options.maxConnectionsPerAddress ?? 1_000),
    sendBufferLimitBytes: options.sendBufferLimitBytes ?? 1024 * 1024,
    origins,
  });
  registerTelemetryRoutes(app, {
    services,
    logger,
    limiter: new RateLimiter(clock, rateLimits.telemetryUploads),
    onReceived: (type) => metrics.telemetryReceived(type),
    onRateLimited: () => metrics.rateLimited('telemetry'),
  });
  registerSipEndpoint(app, sipEdge, logger, (origin) => origins.allows(origin));
  registerSessionKeyRoutes(app, services, (keyHash) => endSessionsOfKey(services, keyHash));
  registerCallRecordRoutes(app, tenants, callRecords);
  registerDialerTaskRoutes(app, tenants, dialerTasks);
  registerRecordingRoute(app, tenants, recordings, { nodeId, records: callRecords });
  registerAgentPresenceRoute(app, tenants, store.agents, clock);
  registerDemoRoutes(app, tenants, embedded, options.demoApiKey ?? 'demo-api-key');
  if (embedded) registerSimulatorRoutes(app, tenants, simulator);
  app.get('/healthz', async () => ({ status: 'ok', node: nodeId, boot: ownerId, sessions: services.liveSessions.size, time: Date.now() }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  await app.register(fastifyStatic, { root: SDK_BROWSER_DIR, prefix: '/sdk/', decorateReply: false });
  await app.register(fastifyStatic, { root: CONSOLE_DIR, prefix: '/' });

  await app.listen({ port: options.port ?? 8080, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  ownOrigins = ownOriginsOf(options.publicUrl, host, port);
  catchUpRecords('the node started');

  // Closing twice (a second signal, a test that stopped it early) waits for the one shutdown.
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    nodeId,
    services,
    liveSessions: services.liveSessions,
    simulator,
    telephony,
    sipEdge,
    sip,
    router,
    logger,
    close: () => (closing ??= shutDown()),
  };

  async function shutDown(): Promise<void> {
    // No new dialer call while the calls of this process end.
    dialer.stop();
    await lease.stop();
    // The legs end with this process: their calls end now, honestly, rather than at the next boot.
    await endCallsOf(
      services,
      (owner) => (owner === ownerId ? clock.now() : undefined),
      exclusiveStore ? 'gatewayRestart' : 'nodeLost',
      logger,
    );
    await queueStatusFeed.stop();
    agents.stop();
    stopServingNodes();
    calls.stop();
    await telephony.close();
    services.liveSessions.closeAll(CloseCode.GOING_AWAY, 'gateway shutting down');
    await app.close();
    await router.idle();
    await dialer.idle();
    await limits.forgetHolder(ownerId).catch((error: unknown) => logger.warn({ err: error }, 'removing the connection counts failed'));
    await clusterPhones?.forgetOwn().catch((error: unknown) => logger.warn({ err: error }, 'removing the phone registrations failed'));
    await recordingNotes.idle();
    // What is not written by then stays in the live store: the next start's catch-up sends it.
    if (recordOutbox && !(await recordOutbox.drain(RECORDS_DRAIN_MS)))
      logger.warn({ pending: recordOutbox.size }, 'call records left for the next start');
    await recordOutbox?.stop();
    await callRecords.close();
    await bus.close();
    await store.close();
  }
}

/** An address to bind to, or undefined for every interface. */
function singleAddress(host: string): string | undefined {
  return host === '0.0.0.0' || host === '::' ? undefined : host === 'localhost' ? '127.0.0.1' : host;
}
