#!/usr/bin/env node
// `npm install` / `npm ci` in a clone run this (the `prepare` script): it builds the server into
// dist/ and the dashboard into web/dist. Without the build tools (`npm ci --omit=dev` in a clone)
// it says so and skips the build. An install of the packed tarball never runs it: the tarball
// holds the build.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite/package.json');
} catch {
  console.log(
    'tollgate: build tools not installed (--omit=dev); not built. Install from `npm pack`, or run `npm ci` then `npm run build`.',
  );
  process.exit(0);
}
// Through the npm that runs this script (npm_execpath), with node: no shell needed, Windows included.
const npmCli = process.env.npm_execpath;
const build = npmCli
  ? spawnSync(process.execPath, [npmCli, 'run', 'build'], { stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.error) console.error(`tollgate: the build could not start: ${build.error.message}`);
process.exit(build.status ?? 1);
