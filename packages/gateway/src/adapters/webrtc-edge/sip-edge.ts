/**
 * The SIP side of the softphone edge: a registrar with digest authentication for SIP-over-WebSocket user agents
 * (RFC 7118), and the routing of in-dialog traffic to the calls the edge places (by Call-ID). The edge never places a
 * call on a UA's behalf: agents call out through the API (previewObCall), so a UA's own INVITE is refused.
 */
import type { Logger } from '../../ports/logger.js';
import { formatResponse, header, parseSipMessage, splitList, type HeaderList, type SipRequest, type SipResponse } from './sip-message.js';
import { parseDigest, parseNameAddr } from './sip-headers.js';
import { DigestAuthenticator } from './sip-digest.js';
import { SipRegistrar, type SipConnection } from './sip-registrar.js';

/** What the edge knows about a digest username: the session id whose login handed out the SIP password. */
export interface SipCredentials {
  sessionId: string;
  tenantId: string;
  /** The softphone endpoint the session's agent is bound to; calls to it ring this registration. */
  endpoint: string;
  /** MD5(username:realm:password), stored with the session instead of the password. */
  ha1: string;
}

/** A call the edge placed, receiving its dialog's traffic. */
export interface SipDialogHandler {
  onResponse(response: SipResponse): void;
  onRequest(request: SipRequest, connection: SipConnection): void;
}

export interface SipEdgeOptions {
  realm: string;
  /** The live session a digest username names, or undefined (unknown or ended session). */
  findCredentials(username: string): Promise<SipCredentials | undefined>;
  isSessionLive(sessionId: string): boolean;
  logger: Logger;
  now?: () => number;
  /** A softphone bound until `expiresAt`, or (undefined) no longer: the cluster's phones follow. */
  onSoftphone?: (tenantId: string, endpoint: string, expiresAt: number | undefined) => void;
}

const MAX_EXPIRES_S = 600;
const DEFAULT_EXPIRES_S = 600;
const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO';

export class SipEdge {
  readonly registrar: SipRegistrar;
  private readonly digest: DigestAuthenticator;
  private readonly dialogs = new Map<string, SipDialogHandler>();
  private readonly connections = new Set<SipConnection>();
  private readonly now: () => number;

  constructor(private readonly options: SipEdgeOptions) {
    this.now = options.now ?? Date.now;
    this.digest = new DigestAuthenticator(options.realm, this.now);
    this.registrar = new SipRegistrar(options.isSessionLive, options.onSoftphone);
  }

  get realm(): string {
    return this.options.realm;
  }

  connected(connection: SipConnection): void {
    this.connections.add(connection);
  }

  disconnected(connection: SipConnection): void {
    this.connections.delete(connection);
    this.registrar.dropConnection(connection);
  }

  /** Closes every SIP socket (shutdown; tests of a lost signalling connection). */
  closeConnections(): void {
    for (const connection of [...this.connections]) connection.close();
  }

  addDialog(sipCallId: string, handler: SipDialogHandler): void {
    this.dialogs.set(sipCallId, handler);
  }

  removeDialog(sipCallId: string): void {
    this.dialogs.delete(sipCallId);
  }

  async receive(connection: SipConnection, text: string): Promise<void> {
    // RFC 5626 keep-alive: a bare CRLF pair is answered with a single CRLF.
    if (text.trim() === '') {
      if (text === '\r\n\r\n') connection.send('\r\n');
      return;
    }
    const message = parseSipMessage(text);
    if (!message) {
      this.options.logger.debug({ connection: connection.id }, 'sip: unreadable message dropped');
      return;
    }
    const sipCallId = header(message, 'call-id')!;
    if (message.kind === 'response') {
      this.dialogs.get(sipCallId)?.onResponse(message);
      return;
    }
    const dialog = this.dialogs.get(sipCallId);
    if (dialog && message.method !== 'REGISTER' && message.method !== 'OPTIONS') {
      dialog.onRequest(message, connection);
      return;
    }
    switch (message.method) {
      case 'REGISTER':
        return this.register(connection, message);
      case 'OPTIONS':
        return reply(connection, message, 200, 'OK', [
          ['Allow', ALLOW],
          ['Accept', 'application/sdp'],
        ]);
      case 'ACK':
        return;
      case 'INVITE':
        return reply(connection, message, 403, 'Forbidden (calls are placed with previewObCall)');
      case 'BYE':
      case 'CANCEL':
      case 'INFO':
        return reply(connection, message, 481, 'Call/Transaction Does Not Exist');
      default:
        return reply(connection, message, 405, 'Method Not Allowed', [['Allow', ALLOW]]);
    }
  }

  private async register(connection: SipConnection, request: SipRequest): Promise<void> {
    const authorization = header(request, 'authorization');
    const credentials = authorization === undefined ? undefined : parseDigest(authorization);
    if (!credentials) return this.challenge(connection, request);
    const known = await this.options.findCredentials(credentials.username ?? '');
    if (!known) {
      this.options.logger.info({ connection: connection.id }, 'sip: REGISTER for an unknown or ended session refused');
      return reply(connection, request, 403, 'Forbidden (no live session for this SIP user)');
    }
    const check = this.digest.verify('REGISTER', credentials, known.ha1);
    if (!check.ok) {
      if (!check.stale) this.options.logger.info({ sessionId: known.sessionId }, 'sip: REGISTER with a wrong SIP password');
      return this.challenge(connection, request, check.stale);
    }

    const contacts = (request.headers.get('contact') ?? []).flatMap(splitList);
    const expiresHeader = header(request, 'expires');
    if (contacts.length === 1 && contacts[0] === '*') {
      this.registrar.unbind(known.tenantId, known.endpoint, known.sessionId);
      return reply(connection, request, 200, 'OK');
    }
    const contact = contacts[0] === undefined ? undefined : parseNameAddr(contacts[0]);
    if (!contact) return reply(connection, request, 200, 'OK');
    const requested = Number(contact.params.expires ?? expiresHeader ?? DEFAULT_EXPIRES_S);
    const expires = Number.isFinite(requested) ? Math.max(0, Math.min(MAX_EXPIRES_S, Math.floor(requested))) : DEFAULT_EXPIRES_S;
    if (expires === 0) {
      this.registrar.unbind(known.tenantId, known.endpoint, known.sessionId);
      return reply(connection, request, 200, 'OK');
    }
    this.registrar.bind({
      tenantId: known.tenantId,
      endpoint: known.endpoint,
      sessionId: known.sessionId,
      contactUri: contact.uri,
      connection,
      expiresAt: this.now() + expires * 1000,
    });
    const echoed = contacts[0]!.replace(/;\s*expires=[^;]*/i, '');
    return reply(connection, request, 200, 'OK', [
      ['Contact', `${echoed};expires=${expires}`],
      ['Expires', String(expires)],
    ]);
  }

  private challenge(connection: SipConnection, request: SipRequest, stale = false): void {
    reply(connection, request, 401, 'Unauthorized', [['WWW-Authenticate', this.digest.challenge(stale)]]);
  }
}

export function reply(
  connection: SipConnection,
  request: SipRequest,
  status: number,
  reason: string,
  extra: HeaderList = [],
  body = '',
  toTag?: string,
): void {
  connection.send(
    formatResponse(request, status, reason, extra, body, toTag ?? (status >= 200 && status !== 100 ? localTag(request) : undefined)),
  );
}

/** A To tag for the edge's own responses outside a dialog, stable per request so retransmissions match. */
function localTag(request: SipRequest): string {
  const via = request.headers.get('via')?.[0] ?? '';
  return /branch=([^;,\s]+)/i.exec(via)?.[1]?.slice(-10) ?? 'edge';
}
