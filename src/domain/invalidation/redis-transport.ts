import type { Redis } from 'ioredis';
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
  constructor(Client: typeof Redis, url: string, logger: Logger) {
    this.publisher = new Client(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.subscriber = new Client(url, { lazyConnect: true });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => logger.warn({ err: error.message }, 'redis connection error'));
    }
  }

  async publish(message: InvalidationMessage): Promise<void> {
    await this.publisher.publish(channel, JSON.stringify(message));
  }

  async start(deliver: InvalidationHandler): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
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
