import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type LocalWorker } from '../support/worker.ts';

// The other browser tests serve the atlas directly from workerd (tests/support/worker.ts); this one
// checks that what `npm start` runs, `wrangler dev`, serves the same page, assets and API. Its
// requests follow each other at once: the dev server's proxy loses requests after idle pauses.
let dev: LocalWorker;

beforeAll(async () => {
  dev = await startWranglerDev();
});

afterAll(async () => {
  await dev?.stop();
});

describe('npm start (wrangler dev)', () => {
  it('serves the explorer, its scripts, the API and its errors', async () => {
    const health = await fetch(`${dev.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, layers: 10 });

    const page = await fetch(`${dev.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('万达开云');
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'the page names its script').toBeDefined();
    const js = await fetch(`${dev.url}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const missing = await fetch(`${dev.url}/api/layers/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });
});
