/**
 * Starts the atlas as `npm start` does (`wrangler dev`, workerd, the built page and
 * data) on free local ports, and stops it. For the browser tests and benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running local worker. */
export interface LocalWorker {
  url: string;
  stop(): Promise<void>;
}

/** A port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs `wrangler dev` on 127.0.0.1 and waits until /api/health answers.
 *
 * @param timeoutMs - how long to wait for it to come up
 * @param vars - configuration variables to set (`wrangler dev --var`)
 * @param persistTo - where the local simulation keeps R2 and the cache (`wrangler dev --persist-to`)
 * @param root - the checkout to serve, built (another commit's, for a comparison); the working directory by default
 * @returns its URL and a stop function
 * @example
 * const worker = await startWorker(); await fetch(`${worker.url}/api/layers`); await worker.stop();
 */
export async function startWorker(timeoutMs = 60_000, vars: Record<string, string> = {}, persistTo?: string, root?: string): Promise<LocalWorker> {
  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--log-level',
      'warn',
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      ...(persistTo ? ['--persist-to', persistTo] : []),
    ],
    { env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(root ? { cwd: root } : {}) },
  );
  let log = '';
  let up = false;
  // At --log-level warn wrangler says nothing unless something is wrong: once it is up, that goes to the test's log.
  const keep = (d: Buffer) => {
    log += d;
    if (up) process.stderr.write(`wrangler: ${d}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  // A script that exits or throws without stopping its worker must not leave workerd behind (orphans
  // were seen spinning at half a core each, skewing every benchmark after them). Node does not run
  // 'exit' on a signal: a script stopped with Ctrl-C must stop its workers itself (bench/web-ab.ts does).
  const orphanGuard = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', orphanGuard);
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        process.off('exit', orphanGuard);
        resolve();
      };
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      process.kill(-child.pid!, 'SIGTERM');
    });

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        up = true;
        return { url, stop };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${log}`);
}
