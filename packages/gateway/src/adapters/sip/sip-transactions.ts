/**
 * RFC 3261 §17 transactions, with their retransmission timers over UDP (none over TCP): client transactions retransmit their request
 * (Timer A / E) until a response comes or they time out (Timer B / F, 64·T1); server transactions answer a
 * retransmitted request with their last response, retransmit a final INVITE response until its ACK (Timer G / H), and a
 * 2xx to an INVITE until the dialog's ACK arrives (§13.3.1.4). Responses go back to the request's source address and
 * port (RFC 3581 symmetric response routing).
 */
import { header, parseCSeq, type SipMessage, type SipRequest, type SipResponse } from '../webrtc-edge/sip-message.js';
import type { SipAddress } from './sip-udp-transport.js';

export const T1_MS = 500;
export const T2_MS = 4_000;
const TIMEOUT_MS = 64 * T1_MS;
/** How long a completed transaction absorbs retransmissions (Timers D, J, K). */
const LINGER_MS = 32_000;

export interface SipSender {
  send(text: string, target: SipAddress): void;
}

export interface ClientRequest {
  method: string;
  /** The branch of the request's top Via. */
  branch: string;
  text: string;
  target: SipAddress;
  /** Every response; for an INVITE, each retransmitted 2xx too (its ACK is the dialog's). */
  onResponse(response: SipResponse): void;
  /** No final response within 64·T1. */
  onTimeout(): void;
  /** INVITE only: the ACK of a failure response (same branch as the INVITE). */
  ackFor?(response: SipResponse): string;
}

interface ClientTransaction {
  request: ClientRequest;
  final: boolean;
  proceeding: boolean;
  interval: number;
  retransmit?: NodeJS.Timeout;
  timeout?: NodeJS.Timeout;
  linger?: NodeJS.Timeout;
}

interface ServerTransaction {
  source: SipAddress;
  lastResponse?: string;
  acked: boolean;
  retransmit?: NodeJS.Timeout;
  linger?: NodeJS.Timeout;
}

interface PendingAck {
  text: string;
  target: SipAddress;
  interval: number;
  timer?: NodeJS.Timeout;
  deadline: number;
  onNoAck: () => void;
}

const topBranch = (message: SipMessage) => /;\s*branch=([^;,\s]+)/i.exec(message.headers.get('via')?.[0] ?? '')?.[1];

export class SipTransactions {
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly pendingAcks = new Map<string, PendingAck>();

  constructor(private readonly sender: SipSender) {}

  /** Sends a request in a new client transaction. */
  request(request: ClientRequest): void {
    const transaction: ClientTransaction = { request, final: false, proceeding: false, interval: T1_MS };
    this.clients.set(`${request.branch} ${request.method}`, transaction);
    this.sender.send(request.text, request.target);
    // A stream transport (TCP) is reliable: nothing is retransmitted on it (RFC 3261 §17.1.1.2).
    if (!request.target.stream) this.scheduleRetransmit(transaction);
    transaction.timeout = setTimeout(() => {
      this.finishClient(transaction);
      if (!transaction.final) request.onTimeout();
    }, TIMEOUT_MS);
  }

  /**
   * Gives an incoming message to its transaction. True when the transaction absorbed it (a response, a retransmitted
   * request, every ACK); false for a new request the caller must handle and answer with `respond`.
   */
  receive(message: SipMessage, source: SipAddress): boolean {
    if (message.kind === 'response') {
      this.receiveResponse(message);
      return true;
    }
    const branch = topBranch(message) ?? '';
    if (message.method === 'ACK') {
      const invite = this.servers.get(`${branch} INVITE`);
      if (invite) {
        invite.acked = true;
        clearTimeout(invite.retransmit);
        return true;
      }
      const pending = this.pendingAcks.get(ackKey(message));
      if (pending) clearTimeout(pending.timer);
      this.pendingAcks.delete(ackKey(message));
      return true;
    }
    const existing = this.servers.get(`${branch} ${message.method}`);
    if (existing) {
      if (existing.lastResponse) this.sender.send(existing.lastResponse, existing.source);
      return true;
    }
    this.servers.set(`${branch} ${message.method}`, { source, acked: false });
    return false;
  }

  /** Sends a response to a request received through `receive`, from the transaction that keeps it. */
  respond(request: SipRequest, status: number, text: string): void {
    const key = `${topBranch(request) ?? ''} ${request.method}`;
    const transaction = this.servers.get(key);
    if (!transaction) return;
    transaction.lastResponse = text;
    this.sender.send(text, transaction.source);
    if (status < 200) return;
    clearTimeout(transaction.linger);
    transaction.linger = setTimeout(() => {
      clearTimeout(transaction.retransmit);
      this.servers.delete(key);
    }, LINGER_MS);
    if (request.method !== 'INVITE' || transaction.source.stream) return;
    if (status >= 300) this.retransmitUntilAck(transaction, text, T1_MS);
  }

  /** Retransmits an INVITE's 2xx until the ACK with its Call-ID and CSeq arrives; `onNoAck` after 64·T1. */
  retransmit2xx(request: SipRequest, text: string, onNoAck: () => void): void {
    const transaction = this.servers.get(`${topBranch(request) ?? ''} INVITE`);
    if (!transaction || transaction.source.stream) return;
    const key = ackKey(request);
    const pending: PendingAck = { text, target: transaction.source, interval: T1_MS, deadline: Date.now() + TIMEOUT_MS, onNoAck };
    this.pendingAcks.set(key, pending);
    const tick = () => {
      if (this.pendingAcks.get(key) !== pending) return;
      if (Date.now() >= pending.deadline) {
        this.pendingAcks.delete(key);
        return pending.onNoAck();
      }
      this.sender.send(pending.text, pending.target);
      pending.interval = Math.min(2 * pending.interval, T2_MS);
      pending.timer = setTimeout(tick, pending.interval);
    };
    pending.timer = setTimeout(tick, pending.interval);
  }

  /** Whether a 2xx of this dialog is still waiting for its ACK. */
  awaitingAck(request: SipRequest): boolean {
    return this.pendingAcks.has(ackKey(request));
  }

  close(): void {
    for (const transaction of this.clients.values()) this.finishClient(transaction, true);
    for (const transaction of this.servers.values()) {
      clearTimeout(transaction.retransmit);
      clearTimeout(transaction.linger);
    }
    for (const pending of this.pendingAcks.values()) clearTimeout(pending.timer);
    this.clients.clear();
    this.servers.clear();
    this.pendingAcks.clear();
  }

  private receiveResponse(response: SipResponse): void {
    const method = parseCSeq(response)?.method ?? '';
    const transaction = this.clients.get(`${topBranch(response) ?? ''} ${method}`);
    if (!transaction) return;
    const { request } = transaction;
    if (response.status < 200) {
      if (transaction.final) return;
      // A provisional response stops INVITE retransmissions; a non-INVITE keeps retransmitting at T2.
      if (method === 'INVITE') clearTimeout(transaction.retransmit);
      else transaction.interval = T2_MS;
      transaction.proceeding = true;
      return request.onResponse(response);
    }
    if (method === 'INVITE' && response.status >= 300 && request.ackFor) this.sender.send(request.ackFor(response), request.target);
    if (transaction.final) {
      if (method === 'INVITE' && response.status < 300) request.onResponse(response);
      return;
    }
    transaction.final = true;
    clearTimeout(transaction.retransmit);
    clearTimeout(transaction.timeout);
    transaction.linger = setTimeout(() => this.finishClient(transaction), LINGER_MS);
    request.onResponse(response);
  }

  private scheduleRetransmit(transaction: ClientTransaction): void {
    transaction.retransmit = setTimeout(() => {
      if (transaction.final) return;
      this.sender.send(transaction.request.text, transaction.request.target);
      transaction.interval = transaction.request.method === 'INVITE' ? 2 * transaction.interval : Math.min(2 * transaction.interval, T2_MS);
      this.scheduleRetransmit(transaction);
    }, transaction.interval);
  }

  private retransmitUntilAck(transaction: ServerTransaction, text: string, interval: number): void {
    transaction.retransmit = setTimeout(() => {
      if (transaction.acked) return;
      this.sender.send(text, transaction.source);
      this.retransmitUntilAck(transaction, text, Math.min(2 * interval, T2_MS));
    }, interval);
  }

  private finishClient(transaction: ClientTransaction, closing = false): void {
    clearTimeout(transaction.retransmit);
    clearTimeout(transaction.timeout);
    clearTimeout(transaction.linger);
    if (closing || this.clients.get(`${transaction.request.branch} ${transaction.request.method}`) === transaction) {
      this.clients.delete(`${transaction.request.branch} ${transaction.request.method}`);
    }
  }
}

/** An ACK to a 2xx is its own transaction: it matches the INVITE's dialog by Call-ID and CSeq number. */
function ackKey(message: SipMessage): string {
  return `${header(message, 'call-id') ?? ''} ${parseCSeq(message)?.seq ?? ''}`;
}
