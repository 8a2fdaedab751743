/**
 * Runs the atlas locally for the browser tests and benchmarks: `startWorker` as `npm start` serves it
 * (scripts/serve.ts: the deployable bundle in workerd, no proxy), on a free port and with nothing kept
 * on disk unless asked; `startWranglerDev` runs `wrangler dev`, as `npm run dev` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { serveAtlas, type LocalAtlas, type ServeOptions } from '../../scripts/serve.ts';

/** A running local worker. */
export type LocalWorker = LocalAtlas;

/** What to run: vars, persistence and checkout, the same for `startWorker` and `startWranglerDev`. */
export type StartWorkerOptions = Pick<ServeOptions, 'vars' | 'persistTo' | 'root' | 'inspectorPort'>;

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
 * Serves the atlas as `npm start` does, on a free port of 127.0.0.1.
 *
 * @param options - vars, persistence and checkout; see StartWorkerOptions
 * @returns its URL and a stop function
 * @example
 * const worker = await startWorker(); await fetch(`${worker.url}/api/layers`); await worker.stop();
 */
export const startWorker = (options: StartWorkerOptions = {}): Promise<LocalWorker> => serveAtlas({ ...options, ip: '127.0.0.1', port: 0 });

/**
 * Runs `wrangler dev` on 127.0.0.1, as `npm run dev` does, and waits until /api/health answers.
 *
 * @param options - vars, persistence and checkout; see StartWorkerOptions
 * @param timeoutMs - how long to wait for it to come up
 * @returns its URL and a stop function
 * @example
 * const dev = await startWranglerDev(); await fetch(`${dev.url}/`); await dev.stop();
 */
export async function startWranglerDev(options: StartWorkerOptions = {}, timeoutMs = 60_000): Promise<LocalWorker> {
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
      ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
    ],
    { env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(options.root ? { cwd: options.root } : {}) },
  );
  let log = '';
  let up = false;
  // At --log-level warn wrangler says nothing unless something is wrong: once it is up, that goes to the log.
  const keep = (d: Buffer) => {
    log += d;
    if (up) process.stderr.write(`wrangler: ${d}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  // A script that exits or throws without stopping its worker must not leave workerd behind (orphans
  // were seen spinning at half a core each). Node does not run 'exit' on a signal: a script stopped
  // with Ctrl-C must stop its workers itself.
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
