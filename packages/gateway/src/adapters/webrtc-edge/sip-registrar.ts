/**
 * Where each softphone can be rung: one binding per (tenant, endpoint), made by an authenticated REGISTER on a SIP
 * WebSocket. A binding ends when it expires, when the UA unregisters, when its socket closes or when its session ends.
 */

export interface SipConnection {
  readonly id: string;
  send(text: string): void;
  close(): void;
  readonly isOpen: boolean;
}

export interface SipBinding {
  tenantId: string;
  endpoint: string;
  /** The gateway session whose SIP password registered it. */
  sessionId: string;
  /** Where INVITEs go: the UA's Contact URI. */
  contactUri: string;
  connection: SipConnection;
  expiresAt: number;
}

const keyOf = (tenantId: string, endpoint: string) => `${tenantId}\u0000${endpoint}`;

export class SipRegistrar {
  private readonly bindings = new Map<string, SipBinding>();

  constructor(
    private readonly isSessionLive: (sessionId: string) => boolean,
    /** A softphone bound until `expiresAt`, or (undefined) no longer. */
    private readonly onChange: (tenantId: string, endpoint: string, expiresAt: number | undefined) => void = () => undefined,
  ) {}

  bind(binding: SipBinding): void {
    this.bindings.set(keyOf(binding.tenantId, binding.endpoint), binding);
    this.onChange(binding.tenantId, binding.endpoint, binding.expiresAt);
  }

  /** Removes the binding if it is still the one of `sessionId`. */
  unbind(tenantId: string, endpoint: string, sessionId: string): void {
    const key = keyOf(tenantId, endpoint);
    if (this.bindings.get(key)?.sessionId === sessionId) this.remove(key);
  }

  /** The live binding of a softphone, forgetting one that expired, lost its socket or outlived its session. */
  lookup(tenantId: string, endpoint: string, now: number): SipBinding | undefined {
    const key = keyOf(tenantId, endpoint);
    const binding = this.bindings.get(key);
    if (!binding) return undefined;
    if (binding.expiresAt <= now || !binding.connection.isOpen || !this.isSessionLive(binding.sessionId)) {
      this.remove(key);
      return undefined;
    }
    return binding;
  }

  /** The socket closed: its bindings can no longer be rung. */
  dropConnection(connection: SipConnection): void {
    for (const [key, binding] of this.bindings) if (binding.connection === connection) this.remove(key);
  }

  /** Bindings of live sessions (tests, diagnostics). */
  list(now: number): SipBinding[] {
    return [...this.bindings.values()].filter((binding) => this.lookup(binding.tenantId, binding.endpoint, now) !== undefined);
  }

  clear(): void {
    this.bindings.clear();
  }

  private remove(key: string): void {
    const binding = this.bindings.get(key);
    if (!binding) return;
    this.bindings.delete(key);
    this.onChange(binding.tenantId, binding.endpoint, undefined);
  }
}
