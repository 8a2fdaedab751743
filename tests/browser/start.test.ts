import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startWranglerDev, type LocalWorker } from '../support/worker.ts';

// What the README's commands run, after their build: `npm start` (scripts/serve.ts, which the other
// browser tests call in-process) and `npm run dev` (wrangler dev). Each must serve the page, its
// scripts, the API and its errors.
async function servesTheAtlas(url: string): Promise<void> {
  const health = await fetch(`${url}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, layers: 10 });

  const page = await fetch(`${url}/`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('万达开云');
  const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script, 'the page names its script').toBeDefined();
  const js = await fetch(`${url}${script}`);
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(1000);

  const missing = await fetch(`${url}/api/layers/nowhere`);
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

let dev: LocalWorker | undefined;
afterAll(async () => {
  await dev?.stop();
});

describe('the local server', () => {
  it('npm start: serves the atlas on the port asked for, says where, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts', '--port', String(port), '--persist-to', mkdtempSync(join(tmpdir(), 'atlas-state-'))], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('Ctrl-C') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(`the atlas: http://127.0.0.1:${port}/`);
      await servesTheAtlas(`http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited, out).toBe(0);
    // Stopped means stopped: workerd let go of the port.
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });

  /** Runs `npm start`'s server with some arguments until it exits by itself. */
  const serveExit = (args: string[]) =>
    new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/serve.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d));
      child.once('exit', (code) => resolve({ code, err: err.trim() }));
    });

  it('npm start: refuses a port that is not one, or is taken, with one line that says so', async () => {
    expect(await serveExit(['--port', 'eighty'])).toEqual({ code: 2, err: 'serve: --port takes a port number, not eighty' });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      expect(await serveExit(['--port', String(port)])).toEqual({ code: 2, err: `serve: cannot listen on 127.0.0.1:${port} (EADDRINUSE): is the atlas running already? --port chooses another` });
    } finally {
      taken.close();
    }
  });

  it('npm run dev (wrangler dev): serves the same atlas', async () => {
    // Its requests follow each other at once: its proxy loses requests only after pauses near 5 s.
    dev = await startWranglerDev();
    await servesTheAtlas(dev.url);
  });
});
