/**
 * Runs the fake upstream as a process (for benchmarks):
 *   npx tsx test/fake-upstream/cli.ts --port 0 --latency 20 [--host 127.0.0.1]
 * Prints one JSON line `{"url":"http://127.0.0.1:PORT"}` to stdout, then runs until SIGTERM / SIGINT.
 * Requests are not recorded.
 */
import { parseArgs } from 'node:util';
import { startFakeUpstream } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
  },
  strict: true,
});

const port = Number(values.port);
const latencyMs = Number(values.latency);
if (!Number.isInteger(port) || port < 0 || !Number.isFinite(latencyMs) || latencyMs < 0) {
  console.error('usage: cli.ts [--port N] [--host H] [--latency MS]');
  process.exit(2);
}

const upstream = await startFakeUpstream({ port, host: values.host, latencyMs, record: false });
process.stdout.write(`${JSON.stringify({ url: upstream.url })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  upstream.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
