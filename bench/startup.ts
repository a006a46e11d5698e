/**
 * Start-up figures: how long each runtime takes from `node` starting to ready, and what it holds
 * idle. Ready is the line a server prints once it listens: Tollgate's `tollgate is listening` (after
 * opening its database, migrating and starting its background work), the reference's `{"url": …}`.
 * Tollgate starts on a SQLite database made by an unmeasured first start, so each measured start is
 * a restart, as in production. Starts are taken in turns (reference, compiled, tsx, reference, …).
 */
import { join } from 'node:path';
import { type Child, firstLine, freePort, residentKibibytes, startNode, stop } from './processes.js';
import { referenceProxyArguments, repositoryRoot, urlLine } from './server-scripts.js';
import { type Runtime, serveArguments } from './tollgate-configs.js';

/** Seconds after ready before idle memory is read: the start's own work has settled by then. */
const idleSeconds = 3;

export interface StartupFigures {
  /** 'reference', or a Tollgate runtime. */
  path: 'reference' | Runtime;
  /** Milliseconds to ready, one per measured start. */
  readyMs: number[];
  /** VmRSS `idleSeconds` after ready, KiB, one per measured start. */
  idleRssKib: number[];
}

interface Measured {
  readyMs: number;
  idleRssKib: number;
}

async function measureStart(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  isReady: (line: string) => boolean,
) {
  const started = performance.now();
  const child: Child = startNode(name, args, { cwd: repositoryRoot, env });
  try {
    await firstLine(child, (line) => (isReady(line) ? true : undefined), 60_000);
    const readyMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const idleRssKib = residentKibibytes(child.pid);
    if (idleRssKib === undefined) throw new Error(`${name}: VmRSS could not be read`);
    return { readyMs, idleRssKib } satisfies Measured;
  } finally {
    await stop(child, 15_000);
  }
}

async function tollgateEnv(databasePath: string): Promise<NodeJS.ProcessEnv> {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TOLLGATE_'))),
    TOLLGATE_DATABASE_URL: `sqlite:${databasePath}`,
    TOLLGATE_GATEWAY_HOST: '127.0.0.1',
    TOLLGATE_GATEWAY_PORT: String(await freePort()),
    TOLLGATE_ADMIN_PORT: String(await freePort()),
    TOLLGATE_LOG_LEVEL: 'info',
  };
}

function startTollgate(runtime: Runtime, databasePath: string): Promise<Measured> {
  return tollgateEnv(databasePath).then((env) =>
    measureStart(`tollgate (${runtime}) start-up`, serveArguments(runtime), env, (line) =>
      line.includes('tollgate is listening'),
    ),
  );
}

/**
 * `starts` measured starts of the reference proxy (`referenceFile`, against `upstreamUrl`) and of
 * each runtime, in turns.
 */
export async function measureStartups(options: {
  starts: number;
  referenceFile: string;
  upstreamUrl: string;
  workDirectory: string;
}): Promise<StartupFigures[]> {
  const runtimes: Runtime[] = ['compiled', 'tsx'];
  const figures: StartupFigures[] = (['reference', ...runtimes] as const).map((path) => ({
    path,
    readyMs: [],
    idleRssKib: [],
  }));
  const databaseOf = (runtime: Runtime) => join(options.workDirectory, `startup-${runtime}.db`);
  // Unmeasured: creates, migrates and bootstraps each runtime's database.
  for (const runtime of runtimes) await startTollgate(runtime, databaseOf(runtime));
  const record = (path: StartupFigures['path'], measured: Measured) => {
    const entry = figures.find((figure) => figure.path === path);
    entry?.readyMs.push(measured.readyMs);
    entry?.idleRssKib.push(measured.idleRssKib);
  };
  for (let start = 0; start < options.starts; start++) {
    record(
      'reference',
      await measureStart(
        'reference proxy start-up',
        referenceProxyArguments(options.referenceFile, options.upstreamUrl, 0),
        process.env,
        (line) => urlLine(line) !== undefined,
      ),
    );
    for (const runtime of runtimes) record(runtime, await startTollgate(runtime, databaseOf(runtime)));
  }
  return figures;
}
