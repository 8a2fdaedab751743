/**
 * A local HTTP server of PMTiles archives, as a host of public archives serves them: `Range` requests
 * answered 206 with `Content-Range` and an `ETag` of the bytes, 416 past the end; under `/whole/` the
 * same archives from a server that ignores `Range` and answers every request 200 with the whole body.
 * Its archives can be replaced while it runs (an archive updated at its URL).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fnv1a } from '../../geo/hash.ts';

/** A request the server answered. */
export interface ServedRequest {
  path: string;
  /** The `Range` header, or '' */
  range: string;
  status: number;
}

/** A running archive server. */
export interface ArchiveServer {
  /** Its origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** The archives by path (`/raster.pmtiles`): replace one to update it at its URL. */
  files: Map<string, Uint8Array>;
  /** Every request answered, in order. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

/**
 * Serves archives on a free port of 127.0.0.1.
 *
 * @param files - the archives by path
 * @returns the running server
 * @example
 * const server = await serveArchives({ '/region.pmtiles': bytes }); await fetch(`${server.url}/region.pmtiles`, { headers: { Range: 'bytes=0-126' } });
 */
export async function serveArchives(files: Record<string, Uint8Array>): Promise<ArchiveServer> {
  const served = new Map(Object.entries(files));
  const requests: ServedRequest[] = [];
  const server = createServer((req, res) => {
    const whole = req.url!.startsWith('/whole/');
    const path = whole ? req.url!.slice('/whole'.length) : req.url!;
    const range = req.headers.range ?? '';
    const bytes = served.get(path);
    const answer = (status: number, headers: Record<string, string | number>, body?: Uint8Array) => {
      requests.push({ path: req.url!, range, status });
      res.writeHead(status, headers).end(body);
    };
    if (!bytes) return answer(404, { 'Content-Type': 'text/plain' }, new TextEncoder().encode('not found'));
    const tag = { ETag: `"${fnv1a(bytes.join(','))}"`, 'Accept-Ranges': whole ? 'none' : 'bytes' };
    const asked = /^bytes=(\d+)-(\d+)$/.exec(range);
    if (whole || !asked) return answer(200, { ...tag, 'Content-Length': bytes.length }, bytes);
    const [from, to] = [Number(asked[1]), Math.min(Number(asked[2]), bytes.length - 1)];
    if (from >= bytes.length) return answer(416, { ...tag, 'Content-Range': `bytes */${bytes.length}` });
    answer(206, { ...tag, 'Content-Range': `bytes ${from}-${to}/${bytes.length}`, 'Content-Length': to - from + 1 }, bytes.subarray(from, to + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files: served,
    requests,
    close: () =>
      new Promise((resolve) => {
        // A client's kept-alive connections would hold the close open.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
