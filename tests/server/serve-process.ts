// `npm run serve` (tsx server/main.ts) as a child process on a test's file and environment: what an administrator
// starts and reads.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { storeEnv } from './store-under-test';

export interface ServeProcess {
  url: string;
  /** The server's own process (node, not a shell): what a test limits or signals. */
  pid: number;
  /** What it printed until it listened. */
  stdout: string;
  /** Resolves when the process has ended, however (stopped, killed by a test, crashed). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** What the server prints last once it listens; on a first start, the demonstration token comes after it. */
export const LISTENING = /Territoire : .*\n/;
export const DEMO_TOKEN_PRINTED = /Premier démarrage.*\n +\S+\n/;

/** How the server is started: as `npm run serve` does (`node --import tsx`), or through the `tsx` command (`npm start`). */
export type Runner = 'node --import tsx' | 'tsx';

const COMMANDS: Record<Runner, [string, string[]]> = {
  'node --import tsx': [process.execPath, ['--import', 'tsx', 'server/main.ts']],
  tsx: ['node_modules/.bin/tsx', ['server/main.ts']],
};

/**
 * Starts the server on `dbPath` with `env` added; resolves once its output matches `printed`, or with its exit code
 * and what it wrote when it stops before.
 */
export async function serveProcess(
  dbPath: string,
  env: Record<string, string> = {},
  printed: RegExp = LISTENING,
  runner: Runner = 'node --import tsx',
): Promise<ServeProcess | { code: number | null; stderr: string }> {
  const port = await freePort();
  const [command, args] = COMMANDS[runner];
  const child = spawn(command, args, {
    env: { ...process.env, ...storeEnv(dbPath), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    // A process already ended (a test killed it) is stopped.
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (printed.test(stdout)) resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid as number, stdout, exited, stop });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stderr }));
  });
}
