import type { Redis } from 'ioredis';
import { unreachableAtStart } from '../../app/startup-error.js';
import type { Logger } from '../../observability/logger.js';
import {
  type InvalidationHandler,
  type InvalidationMessage,
  parseInvalidation,
  type RemoteTransport,
} from './invalidation-bus.js';

const channel = 'tollgate:invalidation';

/** Redis pub/sub, for deployments that share Redis (it also reaches instances on other databases' replicas). */
export class RedisTransport implements RemoteTransport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private ready = false;

  /** `Client`: ioredis's class, imported by the caller only when Redis is configured (drivers/redis.ts). */
  constructor(
    Client: typeof Redis,
    private readonly url: string,
    logger: Logger,
    commandTimeoutMs = 500,
  ) {
    // While Redis is away a publish fails at once rather than waiting in a queue: the admin
    // write that publishes has committed and answers without it (see InvalidationBus.publish).
    this.publisher = new Client(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      commandTimeout: commandTimeoutMs,
    });
    this.subscriber = new Client(url, { lazyConnect: true });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
    }
  }

  async publish(message: InvalidationMessage): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify(message));
  }

  async start(deliver: InvalidationHandler): Promise<void> {
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    } catch (error) {
      // ioredis would keep reconnecting in the background of a process that is about to exit.
      this.publisher.disconnect();
      this.subscriber.disconnect();
      throw unreachableAtStart('Redis', 'TOLLGATE_REDIS_URL', this.url, error);
    }
    this.subscriber.on('message', (_channel: string, payload: string) => {
      const message = parseInvalidation(payload);
      if (message) deliver(message);
    });
    this.subscriber.on('close', () => {
      this.ready = false;
      deliver('all');
    });
    this.subscriber.on('ready', () => {
      this.ready = true;
      deliver('all');
    });
    await this.subscriber.subscribe(channel);
    this.ready = true;
  }

  healthy(): boolean {
    return this.ready;
  }

  async stop(): Promise<void> {
    this.ready = false;
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
