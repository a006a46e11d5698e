/**
 * The lean install: `npm pack`, then `npm install -g` of the tarball into a prefix of its own, then
 * `tollgate serve` in an empty folder, with nothing from the repository on its path. It proves the
 * tarball holds what runs (server, dashboard, catalog, migrations) and nothing else, and that the
 * runtime dependencies are enough.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

const root = new URL('../..', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

function npm(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): string {
  return execFileSync('npm', args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * better-sqlite3's install script looks for a prebuilt binary before compiling SQLite (a minute or
 * more here). It is handed the binary this checkout's own install compiled, for this very Node, as
 * a local prebuild: the install runs the package's real install script, without the compile.
 */
function localPrebuild(directory: string): NodeJS.ProcessEnv {
  const sqlite = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
    version: string;
  };
  const name = `better-sqlite3-v${sqlite.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', [
    '-czf',
    join(directory, name),
    '-C',
    join(root, 'node_modules/better-sqlite3'),
    'build/Release/better_sqlite3.node',
  ]);
  return { npm_config_better_sqlite3_local_prebuilds: directory };
}

describe('the packed tarball, installed globally in an empty folder', () => {
  let work: string;
  let tarball: string;
  let files: string[];
  let prefix: string;
  let upstream: FakeUpstream;
  let tollgate: TollgateProcess;

  beforeAll(async () => {
    expect(
      existsSync(join(root, 'web/dist/index.html')),
      'the dashboard is not built: run `npm run build` (npm install does)',
    ).toBe(true);
    work = mkdtempSync(join(tmpdir(), 'tollgate-pack-'));
    // The server in dist/ was built by the test run's global setup; the scripts need not run again.
    const packed = JSON.parse(
      npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root }),
    ) as { filename: string; files: { path: string }[] }[];
    tarball = join(work, packed[0]!.filename);
    files = packed[0]!.files.map((file) => file.path);

    prefix = join(work, 'prefix');
    const prebuilds = join(work, 'prebuilds');
    mkdirSync(prebuilds);
    npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], {
      cwd: work,
      env: localPrebuild(prebuilds),
    });

    upstream = await startFakeUpstream();
    const empty = join(work, 'empty');
    mkdirSync(empty);
    tollgate = await startTollgateProcess(
      { TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`, TOLLGATE_ADMIN_HOST: '127.0.0.1' },
      { command: [join(prefix, 'bin/tollgate'), 'serve'], cwd: empty },
    );
  }, 300_000);

  afterAll(async () => {
    await tollgate?.stop();
    await upstream?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds the compiled server, the dashboard and the catalog, and no sources or tests', () => {
    expect(tarball).toMatch(new RegExp(`tollgate-${manifest.version}\\.tgz$`));
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/tollgate.js',
        'dist/cli.js',
        'dist/wal-checkpoint-worker.js',
        'dist/catalog.json',
        'web/dist/index.html',
        'package.json',
      ]),
    );
    const unwanted = files.filter(
      (path) =>
        /\.ts$/.test(path) ||
        /^(src|test|bench|scripts|web\/src)\//.test(path) ||
        path === 'bin/prepare.js' ||
        path.startsWith('docs/'),
    );
    expect(unwanted).toEqual([]);
  });

  it('installs only the runtime dependencies', () => {
    const installed = readdirSync(join(prefix, 'lib/node_modules/tollgate/node_modules'));
    for (const name of Object.keys(manifest.dependencies)) expect(installed).toContain(name);
    for (const devTool of ['fastify', 'tsx', 'esbuild', 'typescript', 'vite', 'pg', 'ioredis']) {
      expect(installed).not.toContain(devTool);
    }
  });

  it('serves: first API key, a provider key and an access key, one request, a dashboard page', async () => {
    const output = tollgate.output.join('\n');
    const apiKey = /(tgapi-[A-Za-z0-9-]+)/.exec(output)?.[1];
    expect(apiKey, output).toBeDefined();
    const adminCall = async (path: string, body: unknown) => {
      const response = await fetch(`${tollgate.adminUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as { token?: string };
    };
    await adminCall('/provider-keys', { providerId: 'openai', name: 'main', value: 'sk-test-0123456789' });
    const { token } = await adminCall('/access-keys', { name: 'app' });

    const answer = await fetch(`${tollgate.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(answer.status).toBe(200);
    const completion = (await answer.json()) as { object: string; usage: { completion_tokens: number } };
    expect(completion.object).toBe('chat.completion');
    expect(completion.usage.completion_tokens).toBeGreaterThan(0);

    const page = await fetch(`${tollgate.adminUrl}/ui/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    expect((await fetch(`${tollgate.adminUrl}${script}`)).status).toBe(200);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await tollgate.stop('SIGTERM');
    expect(tollgate.child.exitCode).toBe(0);
  });
});
