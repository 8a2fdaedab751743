/**
 * `npm run bench:stall`: how many of a browser's requests a local server loses, `wrangler dev`
 * (what `npm run dev` runs: a proxy worker in front of the atlas) beside the atlas served directly by
 * workerd (what `npm start` and the browser tests run: scripts/serve.ts), in one run at the same time.
 *
 * Each server gets its own headless Chromium, which fetches a few of the atlas's URLs together, waits,
 * and does it again, `ROUNDS` times (default 60). The waits are drawn around 5 s (`GAP_MS`, default
 * 4000–6000): kj, under workerd, closes an idle keep-alive connection after 5 s on both ends of a
 * connection, and a request written as the other end closes is the suspected loss (workers-sdk
 * #14641, #15252). A request unanswered after 15 s counts as lost.
 * Prints, per server: requests, answered, failed, lost, and the answer time's median and p95.
 */
import { launchChromium } from '../tests/support/chromium.ts';
import { startWorker, startWranglerDev, type LocalWorker } from '../tests/support/worker.ts';
import { percentile } from './percentile.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 60);
const [GAP_MIN, GAP_MAX] = (process.env.GAP_MS ?? '4000-6000').split('-').map(Number);
const LOST_MS = 15_000;
/** An asset (routed to the asset worker), a layer and the health check (routed to the atlas). */
const PATHS = ['/api/health', '/api/layers/ports', '/embed.js'];

/** What one server did with a browser's requests. */
interface Outcome {
  answered: number[];
  failed: string[];
  lost: string[];
}

/**
 * Runs the rounds in a fresh Chromium against one server, from its own explorer page.
 *
 * @param worker - the server
 * @returns the answer times and the requests failed or lost
 */
async function probe(worker: LocalWorker): Promise<Outcome> {
  const browser = await launchChromium();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${worker.url}/`);
    return await page.evaluate(
      async ({ rounds, min, max, paths, lostMs }) => {
        const out: Outcome = { answered: [], failed: [], lost: [] };
        for (let i = 0; i < rounds; i++) {
          await new Promise((r) => setTimeout(r, min + Math.random() * (max - min)));
          await Promise.all(
            paths.map(async (path) => {
              const t0 = performance.now();
              try {
                const res = await fetch(`${path}${path.includes('?') ? '&' : '?'}_=${i}`, { cache: 'no-store', signal: AbortSignal.timeout(lostMs) });
                await res.arrayBuffer();
                out.answered.push(performance.now() - t0);
              } catch (error) {
                (error instanceof DOMException && error.name === 'TimeoutError' ? out.lost : out.failed).push(`round ${i} ${path}: ${String(error)}`);
              }
            }),
          );
        }
        return out;
      },
      { rounds: ROUNDS, min: GAP_MIN, max: GAP_MAX, paths: PATHS, lostMs: LOST_MS },
    );
  } finally {
    await browser.close();
  }
}

const servers: [string, LocalWorker][] = [
  ['wrangler dev (npm run dev)', await startWranglerDev()],
  ['served directly (npm start)', await startWorker()],
];
const stopAll = () => Promise.all(servers.map(([, w]) => w.stop()));
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
try {
  const outcomes = await Promise.all(servers.map(([, w]) => probe(w)));
  console.log(`${ROUNDS} rounds of ${PATHS.length} requests, waits of ${GAP_MIN}–${GAP_MAX} ms, headless Chromium, both servers at once`);
  console.log('server                        requests  answered  failed  lost  median ms  p95 ms');
  servers.forEach(([name], i) => {
    const { answered, failed, lost } = outcomes[i];
    const n = answered.length + failed.length + lost.length;
    console.log(
      `${name.padEnd(29)} ${String(n).padStart(8)} ${String(answered.length).padStart(9)} ${String(failed.length).padStart(7)} ${String(lost.length).padStart(5)} ${percentile(answered, 0.5).toFixed(1).padStart(10)} ${percentile(answered, 0.95).toFixed(1).padStart(7)}`,
    );
    for (const line of [...failed, ...lost]) console.log(`  ${line}`);
  });
} finally {
  await stopAll();
}
