/**
 * Runs the atlas locally for the browser tests and benchmarks: the worker as `wrangler deploy`
 * bundles it, with the built page as its assets and wrangler.toml's configuration, in workerd through
 * Miniflare, on a free local port. `startWranglerDev` runs `wrangler dev` itself, as `npm start` does.
 *
 * Why not `wrangler dev` for the tests: it forwards every request from a proxy worker, in a second
 * workerd, to the atlas over pooled connections, and a forward now and then fails as a pooled
 * connection is closed under it (kj closes idle connections after 5 s on both ends: workers-sdk
 * #14641, #15252). wrangler 4.86's ProxyWorker then compares the request's whole URL with the atlas's
 * origin, finds them different for any path but `/`, takes the atlas for restarting and parks the GET
 * until a reload that never comes (templates/startDevWorker/ProxyWorker.ts, `requestRetryQueue`): the
 * browser waits forever, while the same URL asked again answers at once. Later wranglers compare
 * origins and retry. Served directly, the browser talks to the workerd that runs the atlas.
 * `npm run bench:stall` counts what each loses.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

/** A running local worker. */
export interface LocalWorker {
  url: string;
  stop(): Promise<void>;
}

/** What to run: the same for `startWorker` and `startWranglerDev`. */
export interface StartWorkerOptions {
  /** configuration variables over wrangler.toml's `[vars]` */
  vars?: Record<string, string>;
  /**
   * where the local simulation keeps R2 and the cache, as `wrangler dev --persist-to` and
   * `npm run data:publish -- --local --persist-to` take it; in memory when absent
   */
  persistTo?: string;
  /** the checkout to serve, built (another commit's, for a comparison); the working directory by default */
  root?: string;
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

/** The environment wrangler runs in here: no telemetry, no `cf` object fetched. */
const WRANGLER_ENV = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: 'true' };

/** One bundle per checkout and process: every worker of a test file serves the same code. */
const bundles = new Map<string, Promise<string>>();

/**
 * Bundles a checkout's worker with its own wrangler, exactly as `wrangler deploy` would upload it.
 *
 * @param root - the checkout
 * @returns the folder of the bundle (`index.js` and the modules beside it), removed when the process exits
 */
function bundle(root: string): Promise<string> {
  let out = bundles.get(root);
  if (!out) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-worker-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    out = new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', dir],
        { cwd: root, env: { ...WRANGLER_ENV, WRANGLER_LOG: 'warn' } },
        (error, stdout, stderr) => (error ? fail(new Error(`wrangler deploy --dry-run failed in ${root}:\n${stdout}${stderr}`)) : done(dir)),
      ),
    );
    bundles.set(root, out);
  }
  return out;
}

/**
 * Serves the atlas from workerd through Miniflare: the deployable bundle, the built page
 * (`dist/web`) as its assets with wrangler.toml's routing, its bindings and `[vars]`.
 *
 * @param options - vars, persistence and checkout; see StartWorkerOptions
 * @returns its URL and a stop function
 * @example
 * const worker = await startWorker(); await fetch(`${worker.url}/api/layers`); await worker.stop();
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<LocalWorker> {
  const root = resolve(options.root ?? '.');
  const scripts = await bundle(root);
  // wrangler's own reading of the configuration: bindings, vars, and the assets' routing (run_worker_first).
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml'));
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    cf: false,
    log: new Log(LogLevel.WARN),
    // wrangler dev keeps its simulation under <persist-to>/v3, and data:publish --local writes there.
    ...(options.persistTo ? { defaultPersistRoot: join(options.persistTo, 'v3') } : {}),
    workers: [
      {
        ...workerOptions,
        name: 'atlas',
        bindings: { ...workerOptions.bindings, ...options.vars },
        modules: true,
        scriptPath: join(scripts, 'index.js'),
        modulesRoot: scripts,
      },
    ],
  });
  const url = (await mf.ready).origin;
  return { url, stop: () => mf.dispose() };
}

/**
 * Runs `wrangler dev` on 127.0.0.1, as `npm start` does, and waits until /api/health answers.
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
    { env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...(options.root ? { cwd: options.root } : {}) },
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
