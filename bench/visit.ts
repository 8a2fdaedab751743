/**
 * One visit of the atlas in a fresh Chromium profile, for the page benchmarks (bench/large-layer.ts,
 * bench/archive.ts): the time from navigation to the page's first idle (`atlas-first-idle`) and the
 * bytes received, the synthetic layer's apart.
 */
import { launchChromium } from '../tests/support/chromium.ts';

/**
 * Visits a page once.
 *
 * @param url - the page
 * @returns ms from navigation to first idle, bytes received, and of them the synthetic layer's
 * @example
 * const { idle } = await visit(worker.url);
 */
export async function visit(url: string): Promise<{ idle: number; bytes: number; layerBytes: number }> {
  const browser = await launchChromium();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    // A page that fails (a 503 catalogue, a script error) would never be idle: stop at once with its message.
    const failed = new Promise<never>((_, reject) => {
      page.on('pageerror', (e) => reject(e));
      page.on('console', (m) => m.type() === 'error' && reject(new Error(m.text())));
    });
    // Body sizes as received (the worker compresses what the browser accepts), and headers.
    const sizes: Promise<{ layer: boolean; n: number }>[] = [];
    page.on('requestfinished', (r) =>
      sizes.push(
        r
          .sizes()
          .then((s) => ({ layer: /\/(api\/layers|tiles)\/synthetic\b/.test(r.url()), n: s.responseBodySize + s.responseHeadersSize }))
          .catch(() => ({ layer: false, n: 0 })),
      ),
    );
    await page.goto(url);
    const t0 = Date.now();
    const progress = setInterval(() => void page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).join(',')).then((m) => console.error(`  ${url} ${((Date.now() - t0) / 1000).toFixed(0)} s: ${m}`), () => {}), 10_000);
    await Promise.race([failed, page.waitForFunction(() => performance.getEntriesByName('atlas-first-idle').length > 0, undefined, { timeout: 300_000, polling: 100 })]);
    clearInterval(progress);
    const idle = await page.evaluate(() => performance.getEntriesByName('atlas-first-idle')[0].startTime);
    const done = await Promise.all(sizes);
    return { idle, bytes: done.reduce((a, s) => a + s.n, 0), layerBytes: done.filter((s) => s.layer).reduce((a, s) => a + s.n, 0) };
  } finally {
    await browser.close();
  }
}

