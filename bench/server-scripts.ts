/** The fake upstream and the bare reference proxy, each a `node` process of its own. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Child, firstLine, startNode } from './processes.js';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The provider key every path sends upstream (the fake upstream takes any). */
export const providerKey = 'sk-bench-0123456789';

export interface ServerScript {
  child: Child;
  url: string;
}

/** The `url` of a server script's first line, `{"url": …}`, printed once it listens. */
export function urlLine(line: string): string | undefined {
  const parsed: unknown = JSON.parse(line);
  return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string'
    ? parsed.url
    : undefined;
}

/** Starts a server script (`node` arguments) and waits for its `{"url": …}` line. */
async function startServerScript(name: string, args: string[]): Promise<ServerScript> {
  const child = startNode(name, args, { cwd: repositoryRoot });
  return { child, url: await firstLine(child, urlLine) };
}

/**
 * The reference proxy compiled into `directory` as Tollgate is (one esbuild bundle, undici
 * included), so that both run on plain `node` and neither pays a TypeScript loader. Returns its path.
 */
export async function buildReferenceProxy(directory: string): Promise<string> {
  const file = join(directory, 'reference-proxy.mjs');
  await build({
    absWorkingDir: repositoryRoot,
    entryPoints: ['bench/reference-proxy.ts'],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return file;
}

/** Not measured: it runs from the sources, through tsx. */
export function startUpstream(latencyMs: number, port = 0): Promise<ServerScript> {
  return startServerScript(`fake upstream (${latencyMs} ms)`, [
    '--import',
    'tsx',
    'test/fake-upstream/cli.ts',
    '--port',
    String(port),
    '--latency',
    String(latencyMs),
  ]);
}

/** `node` arguments of the compiled reference proxy (`file`, from {@link buildReferenceProxy}). */
export function referenceProxyArguments(file: string, upstreamUrl: string, busyUs: number): string[] {
  return [file, '--upstream', upstreamUrl, '--key', providerKey, '--busy-us', String(busyUs)];
}

export function startReferenceProxy(
  file: string,
  upstreamUrl: string,
  busyUs: number,
): Promise<ServerScript> {
  return startServerScript('reference proxy', referenceProxyArguments(file, upstreamUrl, busyUs));
}
