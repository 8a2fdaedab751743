import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { Miniflare, serializeConfig } from 'miniflare';
import { describe, expect, it } from 'vitest';
import { addV8Flags, withV8Flags } from '../../bench/workerd-v8-flags.ts';
import { freePort } from '../support/worker.ts';

// bench/workerd-v8-flags.ts: V8 flags carried to workerd in its capnp config, which Miniflare never
// fills. workerd itself is the decoder: `--expose-gc` gives the worker a global `gc`, which it has not
// otherwise, and `--max-heap-size` kills an isolate that holds more than the cap.
const WORKERD = (createRequire(import.meta.url)('workerd') as { default: string }).default;
const SCRIPT = `export default { async fetch(req) {
  const mb = Number(new URL(req.url).searchParams.get('mb') ?? 0);
  const keep = [];
  for (let i = 0; i < mb; i++) keep.push(new Array(131072).fill(i + 0.5)); // 1 MB of doubles each
  return new Response(typeof globalThis.gc + ' ' + keep.length);
} }`;

/** A workerd Config serving SCRIPT on a port, as Miniflare's own serializer writes it. */
const config = (port: number) =>
  new Uint8Array(
    serializeConfig({
      services: [{ name: 'main', worker: { modules: [{ name: 'w.js', esModule: SCRIPT }], compatibilityDate: '2025-01-01' } }],
      sockets: [{ name: 'http', address: `127.0.0.1:${port}`, http: {}, service: { name: 'main' } }],
    }),
  );

/** The same message framed as two segments: segment 0 holds a far pointer to the old segment, now 1. */
function twoSegments(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.byteLength + 16);
  const v = new DataView(out.buffer);
  const words = new DataView(message.buffer, message.byteOffset).getUint32(4, true);
  [1, 1, words, 0].forEach((n, i) => v.setUint32(i * 4, n, true)); // 2 segments: 1 word and the old one
  [2, 1].forEach((n, i) => v.setUint32(16 + i * 4, n, true)); // far pointer: single pad at word 0 of segment 1
  out.set(message.subarray(8), 24); // the old root pointer, at word 0 of segment 1, is the landing pad
  return out;
}

/** The same message with a second, unreferenced segment after it: the root's segment is not the last. */
function tailSegment(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.byteLength + 16);
  const v = new DataView(out.buffer);
  const words = new DataView(message.buffer, message.byteOffset).getUint32(4, true);
  [1, words, 1, 0].forEach((n, i) => v.setUint32(i * 4, n, true));
  out.set(message.subarray(8), 16);
  out.fill(0xab, out.byteLength - 8); // a word nothing points at, which must come through unchanged
  return out;
}

/** Runs workerd on a config message and answers one request (`?mb=` to allocate), then stops it. */
async function serve(message: Uint8Array, port: number, query = ''): Promise<string> {
  const child = spawn(WORKERD, ['serve', '--binary', '--experimental', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d: Buffer) => (log += d));
  child.stdin.end(message);
  try {
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/${query}`).catch(() => undefined);
      if (res) return await res.text();
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`workerd did not answer:\n${log}`);
  } finally {
    child.kill('SIGKILL');
  }
}

describe('addV8Flags', () => {
  it('is read back by workerd, from one segment or several', async () => {
    const port = await freePort();
    expect(await serve(config(port), port)).toBe('undefined 0');
    expect(await serve(addV8Flags(config(port), ['--expose-gc']), port)).toBe('function 0');
    expect(await serve(addV8Flags(twoSegments(config(port)), ['--expose-gc', '--max-heap-size=512']), port)).toBe('function 0');
    const tailed = addV8Flags(tailSegment(config(port)), ['--expose-gc']);
    expect([...tailed.subarray(-8)]).toEqual(Array(8).fill(0xab));
    expect(await serve(tailed, port)).toBe('function 0');
  });

  it('refuses a config whose v8Flags are set, or a root without pointer 2', () => {
    const set = new Uint8Array(serializeConfig({ services: [], v8Flags: ['--expose-gc'] }));
    expect(() => addV8Flags(set, ['--max-heap-size=128'])).toThrow(/already has v8Flags/);
    // A root struct of no data and 2 pointers, both null.
    const small = new Uint8Array(32);
    new DataView(small.buffer).setUint32(4, 3, true);
    new DataView(small.buffer).setUint32(12, 2 << 16, true);
    expect(() => addV8Flags(small, ['--expose-gc'])).toThrow(/2 pointers/);
    expect(() => addV8Flags(small.subarray(0, 24), ['--expose-gc'])).toThrow(/segment table/);
  });

  it('reaches the workerd Miniflare runs (bench/workerd-v8.sh), where the heap cap kills an isolate past it', async () => {
    let log = '';
    const start = (flags: string[]) =>
      withV8Flags(flags, async () => {
        const handleRuntimeStdio = (out: Readable, err: Readable) => (out.resume(), err.on('data', (d: Buffer) => (log += d)));
        const mf = new Miniflare({ modules: true, script: SCRIPT, handleRuntimeStdio });
        await mf.ready;
        return mf;
      });
    const free = await start([]);
    expect(await (await free.dispatchFetch('http://x/?mb=200')).text()).toBe('undefined 200');
    await free.dispose();
    const capped = await start(['--expose-gc', '--max-heap-size=128']);
    try {
      expect(await (await capped.dispatchFetch('http://x/?mb=64')).text()).toBe('function 64');
      await expect(capped.dispatchFetch('http://x/?mb=200')).rejects.toThrow();
      expect(log).toMatch(/Reached heap limit/);
    } finally {
      await capped.dispose().catch(() => undefined);
    }
  });
});
