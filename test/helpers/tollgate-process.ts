import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface TollgateProcess {
  child: ChildProcess;
  gatewayUrl: string;
  adminUrl: string;
  output: string[];
  /** Ends the process as a crash would (SIGKILL) or politely (SIGTERM). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Where and how the process starts: by default the repository's bin/tollgate.js (the build in dist/). */
export interface TollgateProcessOptions {
  /** Executable and arguments, e.g. an installed `tollgate` bin and `serve`. */
  command?: string[];
  cwd?: string;
}

/** Runs `tollgate serve` as its own process (real crashes, real separate pools) on random ports. */
export async function startTollgateProcess(
  env: Record<string, string>,
  options: TollgateProcessOptions = {},
): Promise<TollgateProcess> {
  const [executable, ...args] = options.command ?? [process.execPath, 'bin/tollgate.js', 'serve'];
  const child = spawn(executable!, args, {
    cwd: options.cwd ?? new URL('../..', import.meta.url).pathname,
    env: {
      ...process.env,
      TOLLGATE_GATEWAY_HOST: '127.0.0.1',
      TOLLGATE_GATEWAY_PORT: '0',
      TOLLGATE_ADMIN_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const urls = await new Promise<{ gatewayUrl: string; adminUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tollgate did not start:\n${output.join('')}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`tollgate exited with ${code}:\n${output.join('')}`)));
    lines.on('line', (line) => {
      output.push(line);
      if (!line.includes('tollgate is listening')) return;
      clearTimeout(timer);
      const parsed = JSON.parse(line) as { gatewayUrl: string; adminUrl: string };
      resolve({ gatewayUrl: parsed.gatewayUrl, adminUrl: parsed.adminUrl });
    });
  });
  return {
    child,
    ...urls,
    output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
