/**
 * Debian's Chromium, headless, driven by playwright-core: WebGL through
 * SwiftShader, no background traffic, a fresh profile each time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Request } from 'playwright-core';

/** Where Chromium is; CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches Chromium with a fresh profile.
 *
 * @param options - `javaScriptEnabled: false` for a reader without scripts; `cjkFonts: false` for a
 *   reader whose machine has no Chinese font
 * @returns a persistent context; close it when done
 * @example
 * const browser = await launchChromium(); const page = await browser.newPage();
 */
export async function launchChromium(options: { javaScriptEnabled?: boolean; cjkFonts?: boolean } = {}): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
  const fontconfig = options.cjkFonts === false ? fontsWithoutCjk() : null;
  // Both folders go with the browser, once close() has returned and Chromium has stopped writing to them.
  const cleanUp = () => {
    for (const dir of [profile, ...(fontconfig ? [dirname(fontconfig)] : [])])
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        // a leftover in the temporary folder is no reason to fail a test
      }
  };
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      ...(fontconfig ? { env: { ...process.env, FONTCONFIG_FILE: fontconfig } } : {}),
      viewport: { width: 1280, height: 800 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Chromium picks SwiftShader (software Vulkan under ANGLE) by itself when there is no GPU;
        // forcing it with --use-angle=swiftshader gives the same renderer but costs about 600 ms per
        // WebGL context (measured: bench/RESULTS.md), which would swamp every timing.
        '--enable-unsafe-swiftshader',
      ],
    })
    .catch((error: unknown) => {
      cleanUp();
      throw error;
    });
  // A page's load waits for every font and picture; on a shared two-core machine running the other
  // test projects beside it, that has taken over the 30 s default (twice in CI). The tests' own
  // waits stay as they are.
  context.setDefaultNavigationTimeout(90_000);
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    cleanUp();
  };
  reportStalledRequests(context);
  return context;
}

/**
 * A fontconfig setup that hides every installed font covering Chinese (as `fc-list :lang=zh` finds
 * them), for a Chromium that stands for a reader's machine without one.
 *
 * @returns the path of its configuration file, for `FONTCONFIG_FILE`
 * @example
 * spawn(CHROMIUM, args, { env: { ...process.env, FONTCONFIG_FILE: fontsWithoutCjk() } });
 */
export function fontsWithoutCjk(): string {
  const files = fcList([':lang=zh', 'file'])
    .split('\n')
    .map((line) => line.replace(/:\s*$/, '').trim())
    .filter(Boolean);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-fontconfig-'));
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const conf = join(dir, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>${escape(join(dir, 'cache'))}</cachedir>
  <selectfont><rejectfont>${files.map((f) => `<glob>${escape(f)}</glob>`).join('')}</rejectfont></selectfont>
</fontconfig>
`,
  );
  return conf;
}

/**
 * Whether the machine has a font that CSS `local()` would find by one of some names: a face's full
 * name or PostScript name, as Chromium matches them (fontconfig's view, which Chromium shares).
 *
 * @param names - full or PostScript names
 * @returns true when `fc-list` lists a face of one of them
 * @example
 * hasLocalFont(['Noto Sans CJK SC', 'NotoSansCJKsc-Regular']);
 */
export const hasLocalFont = (names: readonly string[]): boolean =>
  names.some((name) => fcList([`:fullname=${name}`, 'family']).trim() !== '' || fcList([`:postscriptname=${name}`, 'family']).trim() !== '');

/** fontconfig's `fc-list`, or an error that says what to install. */
function fcList(args: string[]): string {
  try {
    return execFileSync('fc-list', args, { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`fc-list ${args.join(' ')} failed (${(error as Error).message}); the browser tests need fontconfig's tools: apt-get install fontconfig`);
  }
}

/** The frame a request was made by; null for a request that has none (Playwright throws for some workers'). */
function frameOf(r: Request): Frame | null {
  try {
    return r.frame();
  } catch {
    return null;
  }
}

/**
 * Asks the server directly for a URL the browser waits on, and logs what happened: an answer means the
 * request is stuck between the browser and the server (as `wrangler dev`'s proxy did: tests/support/worker.ts),
 * none means the server itself is.
 */
async function askServer(url: string): Promise<void> {
  if (!url.startsWith('http://127.0.0.1')) return;
  const t0 = Date.now();
  const outcome = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    .then(async (res) => `answers ${res.status} (${(await res.arrayBuffer()).byteLength} bytes)`)
    .catch((error: unknown) => `does not answer either (${(error as Error).name})`);
  console.error(`chromium: asked directly, the server ${outcome} in ${Date.now() - t0} ms: ${url}`);
}

/** How long a request may go unanswered before the test's log says so. */
const STALLED_MS = 20_000;

/**
 * Logs every request of a browser that has had no answer for 20 s, once, and what the server says
 * when asked for it directly: a page load that hangs then names the request it waits for, and whether
 * the server would have answered it.
 *
 * @param context - the browser
 * @example
 * reportStalledRequests(await chromium.launchPersistentContext(dir));
 */
function reportStalledRequests(context: BrowserContext): void {
  const pending = new Map<Request, number>();
  context.on('request', (r) => pending.set(r, Date.now()));
  context.on('requestfinished', (r) => pending.delete(r));
  context.on('requestfailed', (r) => pending.delete(r));
  // A closed page's requests never finish nor fail: they are not stalled, only forgotten.
  const forgetOnClose = (page: Page) =>
    page.once('close', () => {
      for (const r of pending.keys()) if (frameOf(r)?.page() === page) pending.delete(r);
    });
  context.pages().forEach(forgetOnClose); // the persistent context's first page is there already
  context.on('page', forgetOnClose);
  const timer = setInterval(() => {
    for (const [r, since] of pending)
      if (Date.now() - since > STALLED_MS) {
        const frame = frameOf(r);
        console.error(`chromium: no answer after ${STALLED_MS / 1000} s to ${r.method()} ${r.url()} (${r.resourceType()}${frame ? ` of ${frame.url()}` : ''})`);
        pending.delete(r);
        void askServer(r.url());
      }
  }, 5_000);
  timer.unref();
  context.on('close', () => clearInterval(timer));
}
