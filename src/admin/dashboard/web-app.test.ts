import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { TollgateError } from '../../errors/tollgate-error.js';
import { registerDashboard } from './register-dashboard.js';

const directories: string[] = [];
let app: FastifyInstance | undefined;

function webRoot(withBuild: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'tollgate-web-'));
  directories.push(root);
  if (withBuild) {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Tollgate</title><div id="app"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
  }
  return root;
}

async function dashboardApp(root: string): Promise<FastifyInstance> {
  app = Fastify();
  registerDashboard(app, {
    authenticate: async () => {
      throw new TollgateError('unauthorized');
    },
    builtInProviders: () => [],
    webRoot: root,
  });
  await app.ready();
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('the dashboard web app under /ui/', () => {
  it('answers 503 with the build command when web/dist is missing', async () => {
    const server = await dashboardApp(webRoot(false));
    for (const url of ['/ui/', '/ui/keys']) {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<code>npm run build</code>');
    }
  });

  it('serves index.html for app routes, revalidated, with a strict Content-Security-Policy', async () => {
    const server = await dashboardApp(webRoot(true));
    for (const url of ['/ui/', '/ui/keys', '/ui/configurations/aigac_123']) {
      const response = await server.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<div id="app">');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves hashed assets as immutable and answers 404 for a missing file', async () => {
    const server = await dashboardApp(webRoot(true));
    const asset = await server.inject({ url: '/ui/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await server.inject({ url: '/ui/assets/missing.js' })).statusCode).toBe(404);
  });

  it('redirects /ui to /ui/', async () => {
    const server = await dashboardApp(webRoot(true));
    const response = await server.inject({ url: '/ui' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/ui/');
  });
});
