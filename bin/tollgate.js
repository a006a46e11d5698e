#!/usr/bin/env node
// Runs the compiled server (dist/, made by `npm run build`; `npm install` builds it): plain Node, no loader.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'tollgate: the server is not built (dist/cli.js is missing). Run `npm run build` in the package folder.\n',
  );
  process.exit(1);
}
await import(entry.href);
