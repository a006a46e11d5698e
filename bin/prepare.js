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
const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
