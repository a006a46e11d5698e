import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  /** Resolves with the exit code (or the signal's name) once the process has exited and closed its output. */
  exited: Promise<number | string>;
  /** The last lines it wrote, for error messages. */
  tail(): string;
}

const running = new Set<Child>();
const tailLines = 30;

function lastLines(text: string): string {
  return text.trimEnd().split('\n').slice(-tailLines).join('\n');
}

/**
 * Starts `node <args>` (so that the pid is the server itself, not an npx or shell wrapper) and
 * remembers it for {@link stopAll}. `env` replaces the environment (default: this process's). With
 * `logFile`, stdout and stderr go to that file; otherwise stdout is piped for the caller and stderr
 * is kept for {@link Child.tail}.
 */
export function startNode(
  name: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile?: string } = {},
): Child {
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = lastLines(stderr + chunk);
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const started: Child = {
    name,
    process: child,
    pid: child.pid,
    exited,
    tail: () => (options.logFile === undefined ? stderr : lastLines(readFileSync(options.logFile, 'utf8'))),
  };
  running.add(started);
  exited.then(() => running.delete(started));
  return started;
}

function exitError(child: Child, code: number | string): Error {
  return new Error(`${child.name} (pid ${child.pid}) exited with ${code}:\n${child.tail()}`);
}

/** Rejects when `child` exits first or `timeoutMs` passes; resolves with `work`'s value otherwise. */
function whileAlive<T>(child: Child, timeoutMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.tail()}`)),
      timeoutMs,
    );
  });
  const died = child.exited.then((code): never => {
    throw exitError(child, code);
  });
  return Promise.race([work, timeout, died]).finally(() => clearTimeout(timer));
}

/** The first stdout line of `child` that `parse` accepts (returns a value for). */
export function firstLine<T>(
  child: Child,
  parse: (line: string) => T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const stdout = child.process.stdout;
  if (stdout === null) throw new Error(`${child.name} has no piped stdout`);
  const lines = createInterface({ input: stdout });
  const found = new Promise<T>((resolve) => {
    lines.on('line', (line) => {
      const value = parse(line);
      if (value !== undefined) {
        lines.close();
        resolve(value);
      }
    });
  });
  return whileAlive(child, timeoutMs, found);
}

/** Polls each URL until it answers 2xx. */
export function waitForHealthy(child: Child, urls: string[], timeoutMs = 30_000): Promise<void> {
  let givenUp = false;
  const poll = async (): Promise<void> => {
    for (const url of urls) {
      while (!givenUp) {
        const ok = await fetch(url).then(
          (response) => response.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  return whileAlive(child, timeoutMs, poll()).finally(() => {
    givenUp = true;
  });
}

/** Calls `onLine` with each stdout line of `child` as it comes; resolves once it has exited with 0. */
export async function eachLine(child: Child, onLine: (line: string) => void): Promise<void> {
  const stdout = child.process.stdout;
  if (stdout === null) throw new Error(`${child.name} has no piped stdout`);
  createInterface({ input: stdout }).on('line', onLine);
  const code = await child.exited;
  if (code !== 0) throw exitError(child, code);
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stop(child: Child, graceMs = 5_000): Promise<void> {
  if (!running.has(child)) return;
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child)));
}

/**
 * Stops every child on Ctrl-C / SIGTERM, then runs `afterStop` (dropping databases, say: only once
 * nothing uses them), and kills any child left if the process exits some other way.
 */
export function stopChildrenOnExit(afterStop: () => Promise<void> = async () => {}): void {
  let stopping = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    // `on`, not `once`: tsx's launcher may relay the same Ctrl-C a moment later, and a signal with
    // no listener left would end this process before the cleanup has run.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping ${running.size} child process(es)\n`);
      stopAll()
        .then(afterStop)
        .catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`))
        .finally(() => process.exit(code));
    });
  }
  process.once('exit', () => {
    for (const child of running) child.process.kill('SIGKILL');
  });
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** User + system CPU seconds the process has used so far (Linux `/proc`; undefined elsewhere). */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime are fields 14 and 15, counted from the pid; the command name may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Clock ticks are USER_HZ, 100 per second on Linux.
    return Number.isFinite(ticks) ? ticks / 100 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of the process now, in KiB (VmRSS in `/proc/<pid>/status`; undefined elsewhere). */
export function residentKibibytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}
