/**
 * Tells every instance that cached state is stale: a revoked access key, an edited
 * configuration. Delivery to this process is synchronous (before the API answers);
 * other instances hear it through Postgres NOTIFY or Redis pub/sub.
 */
const invalidationKinds = [
  'access-key',
  'configuration',
  'provider-keys',
  'custom-providers',
  'account',
  'virtual-models',
  'firewall-policy',
] as const;
export type InvalidationKind = (typeof invalidationKinds)[number];

export interface InvalidationMessage {
  kind: InvalidationKind;
  /** The cache key: a token's public id, or a resource id. */
  key: string;
}

export type InvalidationHandler = (message: InvalidationMessage | 'all') => void;

export interface RemoteTransport {
  publish(message: InvalidationMessage): Promise<void>;
  /** Starts delivering remote messages; `'all'` after a reconnect, since messages may have been missed. */
  start(deliver: InvalidationHandler): Promise<void>;
  /** False while the transport cannot guarantee delivery; caches must not be trusted then. */
  healthy(): boolean;
  stop(): Promise<void>;
}

export class InvalidationBus {
  private readonly handlers: InvalidationHandler[] = [];

  /**
   * @param onPublishFailed told when a transport could not send a message (Redis or Postgres
   *   down): the write that published it has committed and still succeeds.
   */
  constructor(
    private readonly transports: RemoteTransport[],
    private readonly onPublishFailed: (error: unknown) => void = () => {},
  ) {}

  subscribe(handler: InvalidationHandler): void {
    this.handlers.push(handler);
  }

  async start(): Promise<void> {
    for (const transport of this.transports) await transport.start((message) => this.deliver(message));
  }

  /**
   * Local caches drop the entry at once; remote instances are told next. A transport that
   * cannot send does not fail the caller, whose write has committed: an instance that is cut
   * off from the same transport is not caching meanwhile (see `cachingAllowed`), and one that is
   * not drops the entry within the caches' TTL (60 s).
   */
  async publish(message: InvalidationMessage): Promise<void> {
    this.deliver(message);
    await Promise.all(
      this.transports.map((transport) =>
        transport.publish(message).catch((error: unknown) => this.onPublishFailed(error)),
      ),
    );
  }

  /** Caching is safe only while every remote transport is connected. */
  cachingAllowed(): boolean {
    // A plain loop: this runs for every cache read on the hot path, a callback would be made each time.
    for (const transport of this.transports) if (!transport.healthy()) return false;
    return true;
  }

  async stop(): Promise<void> {
    await Promise.all(this.transports.map((transport) => transport.stop()));
  }

  private deliver(message: InvalidationMessage | 'all'): void {
    for (const handler of this.handlers) handler(message);
  }
}

export function parseInvalidation(payload: string): InvalidationMessage | undefined {
  try {
    const parsed: unknown = JSON.parse(payload);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { kind, key } = parsed as Record<string, unknown>;
    if (typeof key !== 'string') return undefined;
    const known = invalidationKinds.find((candidate) => candidate === kind);
    if (known) return { kind: known, key };
  } catch {
    // A foreign payload on our channel is ignored.
  }
  return undefined;
}
