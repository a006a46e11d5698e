/** The fake upstream and the bare reference proxy, each a `node` process of its own. */
import { fileURLToPath } from 'node:url';
import { type Child, firstLine, startNode } from './processes.js';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The provider key every path sends upstream (the fake upstream takes any). */
export const providerKey = 'sk-bench-0123456789';

export interface ServerScript {
  child: Child;
  url: string;
}

/** Starts a TypeScript server script that prints `{"url": …}` as its first line once it listens. */
async function startServerScript(name: string, args: string[]): Promise<ServerScript> {
  const child = startNode(name, ['--import', 'tsx', ...args], { cwd: repositoryRoot });
  const url = await firstLine(child, (line) => {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string'
      ? parsed.url
      : undefined;
  });
  return { child, url };
}

export function startUpstream(latencyMs: number, port = 0): Promise<ServerScript> {
  return startServerScript(`fake upstream (${latencyMs} ms)`, [
    'test/fake-upstream/cli.ts',
    '--port',
    String(port),
    '--latency',
    String(latencyMs),
  ]);
}

export function startReferenceProxy(upstreamUrl: string, busyUs: number): Promise<ServerScript> {
  return startServerScript('reference proxy', [
    'bench/reference-proxy.ts',
    '--upstream',
    upstreamUrl,
    '--key',
    providerKey,
    '--busy-us',
    String(busyUs),
  ]);
}
