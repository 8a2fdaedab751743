/**
 * Serves the built atlas locally as Cloudflare would run it: the worker bundled as `wrangler deploy`
 * bundles it, the built page (`dist/web`) as its assets with wrangler.toml's routing, its bindings and
 * `[vars]`, in workerd through Miniflare. `npm start` runs it; the browser tests and benchmarks call
 * `serveAtlas` (tests/support/worker.ts).
 *
 *     tsx scripts/serve.ts [--port 8787] [--ip 127.0.0.1] [--persist-to .wrangler/state] [--var NAME:value]…
 *
 * Why not `wrangler dev` (`npm run dev`, which reloads as you edit): it forwards every request from a
 * proxy worker, in a second workerd, to the atlas over pooled connections, and a forward now and then
 * fails as a pooled connection is closed under it (kj closes idle connections after 5 s at both ends:
 * workers-sdk #14641, #15252). wrangler 4.86's ProxyWorker then compares the request's whole URL with
 * the atlas's origin, finds them different for any path but `/`, takes the atlas for restarting and
 * parks the GET until a reload that never comes (templates/startDevWorker/ProxyWorker.ts,
 * `requestRetryQueue`): the browser waits forever, while the same URL asked again answers at once.
 * Later wranglers compare origins and retry, but need Node 22. Served directly, the browser talks to
 * the workerd that runs the atlas. `npm run bench:stall` counts what each loses.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Log, LogLevel, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';

/** What to serve and where. */
export interface ServeOptions {
  /** the port; 0 for any free one; wrangler.toml's `[dev] port` by default */
  port?: number;
  /** the address to listen on; wrangler.toml's `[dev] ip` by default */
  ip?: string;
  /** configuration variables over wrangler.toml's `[vars]` */
  vars?: Record<string, string>;
  /**
   * where the local simulation keeps R2 and the cache, as `wrangler dev --persist-to` and
   * `npm run data:publish -- --local --persist-to` take it; in memory when absent
   */
  persistTo?: string;
  /** the checkout to serve, built (another commit's, for a comparison); the working directory by default */
  root?: string;
  /** a port for V8's inspector of the worker's isolate (bench/archive.ts reads its heap); none by default */
  inspectorPort?: number;
}

/** A running local atlas. */
export interface LocalAtlas {
  url: string;
  stop(): Promise<void>;
}

/** The environment wrangler runs in here: no telemetry. */
const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG: 'warn' };

/** One bundle per checkout and process: every atlas a process serves from a checkout runs the same code. */
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
      execFile(process.execPath, [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', dir], { cwd: root, env: WRANGLER_ENV }, (error, stdout, stderr) =>
        error ? fail(new Error(`wrangler deploy --dry-run failed in ${root}:\n${stdout}${stderr}`)) : done(dir),
      ),
    );
    bundles.set(root, out);
  }
  return out;
}

/**
 * Serves a built checkout of the atlas from workerd.
 *
 * @param options - port, address, vars, persistence and checkout; see ServeOptions
 * @returns its URL and a stop function
 * @example
 * const atlas = await serveAtlas({ port: 0 }); await fetch(`${atlas.url}/api/health`); await atlas.stop();
 */
export async function serveAtlas(options: ServeOptions = {}): Promise<LocalAtlas> {
  const root = resolve(options.root ?? '.');
  const scripts = await bundle(root);
  // wrangler's own reading of the configuration: bindings, vars, the assets' routing (run_worker_first).
  const config = unstable_readConfig({ config: join(root, 'wrangler.toml') }, { hideWarnings: true });
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  const mf = new Miniflare({
    host: options.ip ?? config.dev.ip,
    port: options.port ?? config.dev.port,
    // The request's `cf` object is not fetched from Cloudflare: no network.
    cf: false,
    log: new Log(LogLevel.WARN),
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    // wrangler keeps its local simulation under <persist-to>/v3; data:publish --local writes there.
    ...(options.persistTo ? { defaultPersistRoot: join(resolve(root, options.persistTo), 'v3') } : {}),
    workers: [
      {
        ...workerOptions,
        name: config.name,
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

// `tsx scripts/serve.ts`: serve until Ctrl-C, keeping R2 and the cache where wrangler dev keeps them.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const fail = (message: string): never => {
    console.error(`serve: ${message}`);
    process.exit(2);
  };
  const options = { port: { type: 'string' }, ip: { type: 'string' }, 'persist-to': { type: 'string', default: '.wrangler/state' }, var: { type: 'string', multiple: true } } as const;
  const { values } = (() => {
    try {
      return parseArgs({ options });
    } catch (error) {
      return fail((error as Error).message);
    }
  })();
  const vars = Object.fromEntries(
    (values.var ?? []).map((pair) => {
      const at = pair.indexOf(':');
      return at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : fail(`--var takes NAME:value, not ${pair}`);
    }),
  );
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) fail(`--port takes a port number, not ${values.port}`);
  const { dev } = unstable_readConfig({ config: 'wrangler.toml' }, { hideWarnings: true });
  const ip = values.ip ?? dev.ip;
  const wanted = port ?? dev.port ?? 8787;
  // Asked first, so that a port in use gets this line rather than workerd's fatal trace.
  await new Promise<void>((done) => {
    const probe = createServer().once('error', (error: NodeJS.ErrnoException) => fail(`cannot listen on ${ip}:${wanted} (${error.code}): is the atlas running already? --port chooses another`));
    probe.listen(wanted, ip, () => probe.close(() => done()));
  });
  const atlas = await serveAtlas({ port: wanted, ip, vars, persistTo: values['persist-to'] }).catch((error: unknown) => fail(`could not serve the atlas: ${(error as Error).message}`));
  console.log(`万达开云地图集 · the atlas: ${atlas.url}/  (Ctrl-C stops it)`);
  const stop = () => void atlas.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
