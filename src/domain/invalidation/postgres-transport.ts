import type pg from 'pg';
import type { Logger } from '../../observability/logger.js';
import {
  type InvalidationHandler,
  type InvalidationMessage,
  parseInvalidation,
  type RemoteTransport,
} from './invalidation-bus.js';

const channel = 'tollgate_invalidation';

/** LISTEN/NOTIFY on the shared database: instances sharing Postgres need nothing else. */
export class PostgresTransport implements RemoteTransport {
  private client: pg.PoolClient | undefined;
  private stopped = false;
  private connected = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  async publish(message: InvalidationMessage): Promise<void> {
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(message)]);
  }

  async start(deliver: InvalidationHandler): Promise<void> {
    await this.connect(deliver);
  }

  healthy(): boolean {
    return this.connected;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connected = false;
    this.client?.release(true);
    this.client = undefined;
  }

  private async connect(deliver: InvalidationHandler): Promise<void> {
    const client = await this.pool.connect();
    // Stopped while connecting (a reconnect racing a graceful stop): a client kept now would
    // never be released, and the pool's end, which waits for it, would hang the stop.
    if (this.stopped) {
      client.release(true);
      return;
    }
    this.client = client;
    client.on('notification', (notification) => {
      const message = notification.payload ? parseInvalidation(notification.payload) : undefined;
      if (message) deliver(message);
    });
    // A lost listener (error, or the server ending the connection) means missed messages:
    // caches are dropped and bypassed until it is back.
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || this.stopped) return;
      lost = true;
      this.logger.warn({ err: reason }, 'invalidation listener lost its connection; reconnecting');
      this.connected = false;
      client.release(true);
      // Released once: a stop before the reconnect must not release it again (pg throws).
      if (this.client === client) this.client = undefined;
      deliver('all');
      this.reconnectLater(deliver);
    };
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('connection ended'));
    await client.query(`LISTEN ${channel}`);
    this.connected = true;
  }

  private reconnectLater(deliver: InvalidationHandler): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return;
      this.connect(deliver)
        .then(() => deliver('all'))
        .catch(() => this.reconnectLater(deliver));
    }, 500).unref();
  }
}
