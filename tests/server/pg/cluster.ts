// A throw-away PostgreSQL cluster for one test run: made with initdb in a fresh temporary folder, started with
// pg_ctl on a free port of 127.0.0.1 (its socket in that folder too), stopped and removed at the end. PostgreSQL
// refuses to run as root: then the folder is given to the `postgres` user and the binaries run as that user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: the superuser, trusted, on the maintenance database. */
  url: string;
  stop(): void;
}

const INSTALL_HINT =
  "Binaires PostgreSQL introuvables (initdb, pg_ctl) dans /usr/lib/postgresql/*/bin et le PATH : installez le paquet Debian « postgresql » " +
  '(apt-get install -y postgresql), ou donnez un serveur de test par TEST_DATABASE_URL=postgres://…';

/** The folder holding initdb and pg_ctl: Debian's newest version first (under `debian`), else the PATH. */
export function findPostgresBin(debian = '/usr/lib/postgresql', pathList = process.env.PATH ?? ''): string {
  const versions = existsSync(debian)
    ? readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)).map((v) => join(debian, v, 'bin'))
    : [];
  const path = pathList.split(':').filter((dir) => dir !== '');
  const found = [...versions, ...path].find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found === undefined) throw new Error(INSTALL_HINT);
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Runs a PostgreSQL binary, as `postgres` when this process is root. */
function runAsOwner(asRoot: boolean, command: string, args: readonly string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  try {
    execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`${command} ${args.join(' ')} a échoué :\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim());
  return { uid, gid };
}

/**
 * `durable`: fsync on, as a production server runs (the benchmarks compare it with SQLite's synchronous=FULL);
 * otherwise off, since a cluster thrown away at the end of a test run need not survive a power cut.
 */
export async function startCluster({ durable = false }: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'tne13-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  let started = false;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (asRoot) {
      const { uid, gid } = userIds('postgres');
      chownSync(dir, uid, gid);
    }
    const noSync = durable ? [] : ['--no-sync'];
    runAsOwner(asRoot, join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C.UTF-8', ...noSync]);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', ...(durable ? [] : ['-c fsync=off']), '-c max_connections=300'].join(' ');
    runAsOwner(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-o', settings, '-l', log, '-w', 'start']);
    started = true;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          runAsOwner(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
        } finally {
          remove();
        }
      },
    };
  } catch (error) {
    if (started) runAsOwner(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
    remove();
    throw error;
  }
}
