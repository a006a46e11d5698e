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
    if (await this.connect(deliver)) return;
    // The start fails: the reconnect that `onLost` scheduled must not outlive it.
    this.stopped = true;
    throw new Error('the invalidation listener lost its connection while starting to LISTEN');
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

  /**
   * True once listening. False when the connection broke while LISTEN ran: then `onLost` has
   * released it and scheduled the one reconnect. Throws only when no connection was had at all.
   */
  private async connect(deliver: InvalidationHandler): Promise<boolean> {
    const client = await this.pool.connect();
    // Stopped while connecting (a reconnect racing a graceful stop): a client kept now would
    // never be released, and the pool's end, which waits for it, would hang the stop.
    if (this.stopped) {
      client.release(true);
      return false;
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
    try {
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      // A connection killed during LISTEN fails the query and ends the client: reconnecting here as
      // well as in `onLost` would run two reconnect loops, and the client of one would never be
      // released (the pool's end, at stop, then waits for it forever).
      onLost(error instanceof Error ? error.message : String(error));
      return false;
    }
    this.connected = true;
    return true;
  }

  private reconnectLater(deliver: InvalidationHandler): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return;
      this.connect(deliver)
        .then((listening) => {
          if (listening) deliver('all');
        })
        // No connection at all (the pool could not open one): try again, from this one loop.
        .catch(() => this.reconnectLater(deliver));
    }, 500).unref();
  }
}
