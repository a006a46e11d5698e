import type { FastifyReply } from 'fastify';

/** Longest time an oversized body is read after its 413 was sent. */
const maxDrainMs = 10_000;

/** Fastify's error for a body over the limit, thrown before or while the body is read. */
export function isBodyTooLarge(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
  );
}

/**
 * Answers a request whose body is too large so that the client reads the answer. Closing the
 * socket while the client is still uploading leaves unread bytes in the server's receive
 * buffer, so the kernel resets the connection and the client can lose the 413 (node clients
 * saw EPIPE, the OpenAI SDK a connection error, and uploaded again). Instead the whole 413 is
 * written at once, with `Connection: close`, and the rest of the body is read and discarded,
 * up to `maxDrainBytes` or 10 s, before the response ends and the socket closes. A client
 * sending more than that may still see a reset: reading without end would let it hold the
 * connection forever.
 */
export function refuseOversizedBody(
  reply: FastifyReply,
  headers: Record<string, string>,
  payload: string,
  maxDrainBytes: number,
): void {
  const request = reply.request.raw;
  const response = reply.raw;
  reply.hijack();
  const body = Buffer.from(payload);
  response.writeHead(413, {
    ...headers,
    'content-type': 'application/json',
    'content-length': String(body.length),
    connection: 'close',
  });
  response.write(body);
  if (request.complete || request.destroyed) {
    response.end();
    return;
  }
  let drained = 0;
  const finish = () => {
    clearTimeout(timer);
    request.off('data', count);
    request.off('end', finish);
    request.off('error', finish);
    response.end();
  };
  const count = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > maxDrainBytes) finish();
  };
  const timer = setTimeout(finish, maxDrainMs);
  request.on('data', count);
  request.once('end', finish);
  request.once('error', finish);
  request.resume();
}
