/**
 * A local publish for the browser tests: `npm run data:publish -- --local` into a fresh local R2, with a
 * directory of extra layers that the caller writes, and the atlas served from it.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorker, type LocalWorker } from './worker.ts';

/**
 * Publishes the atlas and some extra layers to a new local R2 directory.
 *
 * @param writeExtras - writes the extra layers (a catalogue and their files) into the directory it is given
 * @param args - more arguments for data:publish, such as `['--tile-threshold', '300']`
 * @returns the R2 directory to serve (`startWorker({ persistTo })`) and the publish's exit status and output
 * @example
 * const { persist, publish } = publishExtras((dir) => writeSyntheticExtra(dir, { points: 300, lines: 30 }));
 */
export function publishExtras(writeExtras: (dir: string) => unknown, args: readonly string[] = []): { persist: string; publish: SpawnSyncReturns<string> } {
  const extra = mkdtempSync(join(tmpdir(), 'atlas-extra-'));
  writeExtras(extra);
  const persist = mkdtempSync(join(tmpdir(), 'atlas-r2-'));
  const publish = spawnSync('npm', ['run', 'data:publish', '--', '--local', '--persist-to', persist, '--extra', extra, ...args], { encoding: 'utf8' });
  return { persist, publish };
}

/**
 * Publishes the atlas and some extra layers to a new local R2 directory, then serves the atlas from it.
 *
 * @param writeExtras - writes the extra layers into the directory it is given
 * @param args - more arguments for data:publish
 * @returns the atlas served from the R2 directory, and the publish's exit status and output
 * @example
 * const { worker, publish } = await servePublished(writeArchiveExtras);
 */
export async function servePublished(writeExtras: (dir: string) => unknown, args: readonly string[] = []): Promise<{ worker: LocalWorker; publish: SpawnSyncReturns<string> }> {
  const { persist, publish } = publishExtras(writeExtras, args);
  return { worker: await startWorker({ vars: { ATLAS_LAYER_SOURCE: 'r2' }, persistTo: persist }), publish };
}
