/**
 * The client a CRM page talks to: `setup`, `on/off/once`, and one method per operation of the protocol's OPERATIONS
 * table, all going through `invoke`.
 */
import {
  EventType,
  OPERATION_NAMES,
  validateParams,
  type EventMap,
  type EventTypeMap,
  type OperationName,
  type OperationParams,
  type OperationResponse,
} from '@agentsdk/protocol';
import { resolveConfig, type SdkConfig } from './config.js';
import { AgentSdkError, ErrorCodes } from './errors.js';
import { GatewayLink } from './gateway-link.js';
import { TypedEmitter, type EventHandler } from './typed-emitter.js';

/** Parameters are optional exactly when the operation's schema accepts none. */
type OperationMethod<K extends OperationName> = undefined extends OperationParams<K>
  ? (params?: OperationParams<K>) => Promise<OperationResponse<K>>
  : (params: OperationParams<K>) => Promise<OperationResponse<K>>;

export type OperationMethods = { readonly [K in OperationName]: OperationMethod<K> };

// The operation methods are created in the constructor from OPERATION_NAMES; this merge gives them their types.
export interface AgentSdkClient extends OperationMethods {}

export class AgentSdkClient {
  /** `const { EventType } = AgentSDK;` (spec 2.2). */
  readonly EventType: EventTypeMap = EventType;
  readonly ErrorCodes: typeof ErrorCodes = ErrorCodes;
  private readonly events = new TypedEmitter<EventMap>();
  private readonly link = new GatewayLink(this.events);
  private configured = false;

  constructor() {
    const methods = this as unknown as Record<OperationName, (params?: unknown) => Promise<unknown>>;
    for (const name of OPERATION_NAMES) {
      methods[name] = (params?: unknown) => this.invoke(name, params);
    }
  }

  /** Validates and applies the configuration; throws AgentSdkError INVALID_PARAMS naming a bad option. */
  setup(config: SdkConfig): void {
    this.link.configure(resolveConfig(config));
    this.configured = true;
  }

  on<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.events.on(event, handler);
    return this;
  }

  once<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.events.once(event, handler);
    return this;
  }

  off<E extends keyof EventMap>(event: E, handler: EventHandler<EventMap[E]>): this {
    this.events.off(event, handler);
    return this;
  }

  /**
   * Closes the connection without signing out and stops reconnecting; no timer is left behind. The gateway keeps the
   * session until its resume grace period ends. `login` may be called again afterwards.
   */
  close(): void {
    this.link.close();
  }

  private async invoke(name: OperationName, params: unknown): Promise<unknown> {
    if (!this.configured) {
      throw new AgentSdkError(ErrorCodes.NOT_INITIALIZED, `${name} was called before setup(config)`, { operation: name });
    }
    const validation = validateParams(name, params);
    if (!validation.ok) {
      throw new AgentSdkError(ErrorCodes.INVALID_PARAMS, validation.message, { field: validation.field });
    }
    if (name === 'login') return this.link.login(params as OperationParams<'login'>);
    return this.link.call(name, params);
  }
}

/** A new independent client; `AgentSDK` is one of these. Passing a config is the same as calling `setup` on it. */
export function createAgentSdk(config?: SdkConfig): AgentSdkClient {
  const client = new AgentSdkClient();
  if (config !== undefined) client.setup(config);
  return client;
}
