/**
 * A news site on another origin for the embed tests: it serves the pages a test puts in it
 * (`localhost`, while the atlas is on `127.0.0.1`), and 204 for anything else.
 */
import { createServer } from 'node:http';
import { freePort } from './worker.ts';

/** A running news site. */
export interface NewsSite {
  /** Its origin, `http://localhost:<port>`. */
  url: string;
  /** Its pages' HTML by path, filled in as the tests go. */
  pages: Map<string, string>;
  close(): void;
}

/**
 * Starts a news site.
 *
 * @returns the site, serving until closed
 * @example
 * const news = await startNewsSite();
 * news.pages.set('/a.html', '<iframe src="…"></iframe>');
 */
export async function startNewsSite(): Promise<NewsSite> {
  const port = await freePort();
  const pages = new Map<string, string>();
  const server = createServer((req, res) => res.writeHead(pages.has(req.url!) ? 200 : 204, { 'content-type': 'text/html; charset=utf-8' }).end(pages.get(req.url!) ?? ''));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `http://localhost:${port}`, pages, close: () => server.close() };
}
