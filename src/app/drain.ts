import type { FastifyInstance } from 'fastify';

/**
 * Closes the servers: they stop accepting at once (a request on a kept-alive connection gets 503),
 * requests and streams in flight go on until they end or `graceMs` passes, and then the connections
 * still open are destroyed, which the gateway treats as clients that hung up (the upstream call is
 * aborted, the usage so far recorded and settled).
 */
export async function drain(servers: FastifyInstance[], graceMs: number): Promise<void> {
  const closed = Promise.allSettled(servers.map((server) => server.close()));
  // A connection whose last request just ended stays open until its client lets go (seconds, for a
  // kept-alive one): close those as they become idle, not only those idle when closing began.
  const sweeper = setInterval(() => {
    for (const server of servers) server.server.closeIdleConnections();
  }, 50);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), graceMs);
  });
  try {
    const first = await Promise.race([closed, deadline]);
    if (first !== 'deadline') return;
    for (const server of servers) server.server.closeAllConnections();
    await closed;
  } finally {
    clearInterval(sweeper);
    clearTimeout(timer);
  }
}
