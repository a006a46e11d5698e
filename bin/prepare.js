#!/usr/bin/env node
// `npm install` / `npm ci` run this (the `prepare` script): it builds the dashboard into web/dist.
// A production install (`npm ci --omit=dev`) has no build tools: the build is skipped, the gateway
// and the admin API run as usual, and /ui/ says how to build the dashboard.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  console.log('tollgate: build tools not installed (production install); the dashboard is not built.');
  process.exit(0);
}
// Through the npm that runs this script (npm_execpath), with node: no shell needed, Windows included.
const npmCli = process.env.npm_execpath;
const build = npmCli
  ? spawnSync(process.execPath, [npmCli, 'run', 'build:web'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.error) console.error(`tollgate: the dashboard build could not start: ${build.error.message}`);
process.exit(build.status ?? 1);
