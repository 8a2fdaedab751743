/**
 * What every browser test file shares: the atlas served from workerd and a headless Chromium, started
 * once per file and stopped after it, the page's errors collected per test, and a page opened at a
 * query and waited for until its map is drawn.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { idle, ready } from './atlas-page.ts';
import { launchChromium } from '../support/chromium.ts';
import { startWorker, type LocalWorker } from '../support/worker.ts';

/** Where the tests write screenshots and downloads, for a person to look at. */
export const SHOTS = 'test-results/browser';

/** A desktop's and a phone's viewport. */
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Options of {@link useAtlas}. */
export interface AtlasOptions {
  /** The worker's configuration (`[vars]`), when a test file needs its own. */
  vars?: Record<string, string>;
}

/** What {@link useAtlas} gives a test file. */
export interface Atlas {
  /** The served atlas's origin, once started. */
  url(): string;
  browser(): BrowserContext;
  /** The page errors and console errors of the current test. */
  errors: string[];
  /** Requests the current test's pages made to any other host. */
  outside: string[];
  /**
   * A new page whose errors and requests elsewhere are collected, not yet navigated.
   *
   * @param viewport - the viewport (default DESKTOP)
   * @returns the page
   */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * Opens the explorer (or any path) at a query and waits until its labels are on and its map is idle.
   *
   * @param path - `?query`, or a path and query (`embed?…`)
   * @param viewport - the viewport (default DESKTOP)
   * @returns the page
   */
  open(path?: string, viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Registers the hooks that start and stop the atlas and the browser for a test file.
 *
 * @param options - the worker's configuration
 * @returns the atlas's URL, the browser, the errors and a way to open pages
 * @example
 * const atlas = useAtlas();
 * it('draws', async () => { const page = await atlas.open('?year=2027'); expect(atlas.errors).toEqual([]); });
 */
export function useAtlas(options: AtlasOptions = {}): Atlas {
  let worker: LocalWorker | undefined;
  let browser: BrowserContext | undefined;
  const errors: string[] = [];
  const outside: string[] = [];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [worker, browser] = await Promise.all([startWorker(options.vars ? { vars: options.vars } : undefined), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });
  // Each test starts clean: what the pages of an earlier test reported is not held against it.
  beforeEach(() => {
    errors.length = 0;
    outside.length = 0;
  });
  const url = () => worker!.url;
  const page = async (viewport = DESKTOP): Promise<Page> => {
    const p = await browser!.newPage();
    await p.setViewportSize(viewport);
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('request', (r) => !r.url().startsWith(url()) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && outside.push(r.url()));
    return p;
  };
  return {
    url,
    browser: () => browser!,
    errors,
    outside,
    page,
    async open(path = '', viewport = DESKTOP) {
      const p = await page(viewport);
      await p.goto(`${url()}/${path}`);
      await ready(p);
      await idle(p);
      return p;
    },
  };
}
