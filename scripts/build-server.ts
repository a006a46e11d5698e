/**
 * `npm run build:server`: the server as JavaScript in dist/, bundled by esbuild (docs/decisions.md,
 * "Runtime"). Everything Tollgate imports is bundled except the packages left in package.json's
 * `dependencies`, which are what a production install holds and loads from node_modules at run
 * time (a native module, a data file loaded on first use). Code loaded with `import()` (a command,
 * a database driver, the OpenTelemetry SDK) becomes a chunk of its own, read only when it runs.
 */
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

/** The packages installed beside the build: package.json's runtime `dependencies`. */
function runtimeDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return Object.keys(manifest.dependencies ?? {});
}

export async function buildServer(): Promise<void> {
  // Built beside dist/ and swapped in whole: chunk names change with their content, so old ones
  // must go, and a Tollgate starting from dist/ meanwhile never finds it half-written or missing.
  const staging = `${outdir}.building-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      cli: 'src/cli.ts',
      // A worker thread's program is a file of its own (src/store/wal-checkpointer.ts starts it).
      'wal-checkpoint-worker': 'src/store/wal-checkpoint-worker.ts',
    },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // pg's optional native binding: never installed, never required unless asked for.
    external: [...runtimeDependencies(), 'pg-native'],
    // CommonJS packages bundled into ESM call `require` for Node's built-ins; give them one.
    banner: {
      js: "import { createRequire as __tollgateCreateRequire } from 'node:module'; const require = __tollgateCreateRequire(import.meta.url);",
    },
    // Maps name src/ lines in stack traces (node --enable-source-maps) without shipping the sources.
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'linked',
    logLevel: 'warning',
    // Minified: V8 keeps each module's source text in the heap (~2× smaller so, measured as ~6 MB
    // less resident memory); maps give back the lines. Identifiers are left as they are rather
    // than renamed and restored with `keepNames`, which wraps every function expression in a
    // `__name(fn, "name")` call (an Object.defineProperty per closure made: ~3% of a request's
    // CPU in a profile); error classes set their `name` themselves.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  // Read at start beside the module that loads it (src/providers/catalog/load-catalog.ts).
  copyFileSync(`${root}src/providers/catalog/catalog.json`, `${staging}/catalog.json`);
  const previous = `${outdir}.previous-${process.pid}`;
  if (existsSync(outdir)) renameSync(outdir, previous);
  renameSync(staging, outdir);
  rmSync(previous, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  process.stdout.write(
    `tollgate: server built into dist/ in ${Math.round(performance.now() - started)} ms\n`,
  );
}
