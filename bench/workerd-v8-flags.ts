/**
 * V8 flags for the workerd that Miniflare runs, which Miniflare itself cannot set. workerd's config
 * (`Config`, node_modules/workerd/workerd.capnp) has `v8Flags @2 :List(Text)`; Miniflare writes that
 * config, as a binary Cap'n Proto message, to workerd's stdin and never fills the field. So
 * `withV8Flags` points `MINIFLARE_WORKERD_PATH` at bench/workerd-v8.sh, which pipes the message
 * through this module (`addV8Flags`, run as a script) and then execs the real workerd on the patched
 * config: the same pid, so Miniflare's kill still reaches workerd, and its control pipe (fd 3) kept.
 * bench/archive.ts runs the archive's worker this way with `ISOLATE_V8_FLAGS`, V8 held to 128 MB.
 *
 *     ATLAS_V8_FLAGS='--max-heap-size=128' node --import tsx bench/workerd-v8-flags.ts < config.bin > patched.bin
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The flags that stand for a Cloudflare isolate's 128 MB: V8's whole heap (young and old generations,
 * code, maps) held to 128 MB, so V8 collects and, past it, fails as an isolate over its limit would.
 * `--max-old-space-size=128` would leave the young generation (tens of MB more) outside the cap.
 */
export const ISOLATE_V8_FLAGS: readonly string[] = ['--max-heap-size=128'];

/** A 64-bit word of a segment as its two little-endian halves. */
const word = (seg: DataView, i: number) => [seg.getUint32(i * 8, true), seg.getUint32(i * 8 + 4, true)] as const;

/**
 * Where the root struct of a message lies: its segment, first word and section sizes. Follows a far
 * pointer (single or double landing pad) if the root is not in segment 0.
 */
function rootStruct(segments: DataView[]): { seg: number; start: number; dataWords: number; pointers: number } {
  const [lo, hi] = word(segments[0], 0);
  if (lo === 0 && hi === 0) throw new Error('capnp: the message has no root (null root pointer)');
  if ((lo & 3) === 0) return { seg: 0, start: 1 + ((lo | 0) >> 2), dataWords: hi & 0xffff, pointers: hi >>> 16 };
  if ((lo & 3) !== 2) throw new Error('capnp: the root pointer is not a struct pointer');
  const [padSeg, padAt] = [hi, lo >>> 3];
  const pad = segments[padSeg];
  if (!pad) throw new Error(`capnp: the root's far pointer names segment ${padSeg}, which is not in the message`);
  const [plo, phi] = word(pad, padAt);
  if (((lo >>> 2) & 1) === 0) {
    // Single landing pad: an ordinary struct pointer, relative to the pad, in the pad's segment.
    if ((plo & 3) !== 0) throw new Error('capnp: the root landing pad is not a struct pointer');
    return { seg: padSeg, start: padAt + 1 + ((plo | 0) >> 2), dataWords: phi & 0xffff, pointers: phi >>> 16 };
  }
  // Double landing pad: a far pointer to the struct's first word, then a tag word with its sizes.
  const [, tag] = word(pad, padAt + 1);
  return { seg: phi, start: plo >>> 3, dataWords: tag & 0xffff, pointers: tag >>> 16 };
}

/**
 * Adds `v8Flags` to a workerd `Config` message as Miniflare writes it (stream framing: segment table,
 * then segments). The list and its texts are appended at the end of the root struct's own segment and
 * pointer slot 2 points at them with an ordinary list pointer: nothing already there moves (capnp
 * pointers are relative to themselves, far pointers name a segment and an offset in it), so no landing
 * pad is needed. Refuses a message whose root has fewer than 3 pointers or whose `v8Flags` is set.
 *
 * @param message - the serialized `Config` (one message, nothing after it)
 * @param flags - V8 flags, such as `--max-heap-size=128`; none leaves the message as it is
 * @returns the message with `v8Flags` set to `flags`
 * @example
 * const patched = addV8Flags(serializeConfig(config), ['--max-heap-size=128']);
 */
export function addV8Flags(message: Uint8Array, flags: readonly string[]): Uint8Array {
  if (flags.length === 0) return message;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  if (message.byteLength < 8) throw new Error('capnp: the message is shorter than its segment table');
  const count = view.getUint32(0, true) + 1;
  const headerBytes = Math.ceil((4 + 4 * count) / 8) * 8;
  if (count > 512 || headerBytes > message.byteLength) throw new Error(`capnp: a segment table of ${count} segments does not fit the message`);
  const sizes = Array.from({ length: count }, (_, i) => view.getUint32(4 + 4 * i, true));
  const total = headerBytes + sizes.reduce((a, b) => a + b * 8, 0);
  if (total !== message.byteLength) throw new Error(`capnp: the segment table says ${total} bytes, the message has ${message.byteLength}`);
  let at = headerBytes;
  const segments = sizes.map((words) => new DataView(message.buffer, message.byteOffset + (at += words * 8) - words * 8, words * 8));

  const root = rootStruct(segments);
  if (root.pointers < 3) throw new Error(`capnp: the root struct has ${root.pointers} pointers; a workerd Config has v8Flags in pointer 2`);
  const slot = root.start + root.dataWords + 2;
  if (slot >= sizes[root.seg]) throw new Error('capnp: the root struct runs past its segment');
  const [slo, shi] = word(segments[root.seg], slot);
  if (slo !== 0 || shi !== 0) throw new Error('capnp: the config already has v8Flags (pointer 2 is not null): refusing to replace them');

  // The new words: k text pointers, then each text (UTF-8, NUL-terminated, padded to a word).
  const texts = flags.map((f) => new TextEncoder().encode(`${f}\0`));
  const textWords = texts.map((t) => Math.ceil(t.length / 8));
  const added = new DataView(new ArrayBuffer((flags.length + textWords.reduce((a, b) => a + b, 0)) * 8));
  const listAt = sizes[root.seg];
  // A list pointer: kind 1, the offset from the word after the pointer, element size, element count.
  const listPointer = (into: DataView, byte: number, offset: number, size: number, n: number) => {
    into.setUint32(byte, ((offset << 2) | 1) >>> 0, true);
    into.setUint32(byte + 4, ((n << 3) | size) >>> 0, true);
  };
  let next = flags.length;
  texts.forEach((t, i) => {
    listPointer(added, i * 8, next - (i + 1), 2, t.length);
    new Uint8Array(added.buffer, next * 8, t.length).set(t);
    next += textWords[i];
  });

  const out = new Uint8Array(message.byteLength + added.byteLength);
  out.set(message);
  const outView = new DataView(out.buffer);
  outView.setUint32(4 + 4 * root.seg, sizes[root.seg] + added.byteLength / 8, true);
  // Segments after the root's move down by the added bytes; the root's own segment grows at its end.
  const rootEnd = headerBytes + sizes.slice(0, root.seg + 1).reduce((a, b) => a + b * 8, 0);
  out.set(message.subarray(rootEnd), rootEnd + added.byteLength);
  out.set(new Uint8Array(added.buffer), rootEnd);
  const rootSegStart = rootEnd - sizes[root.seg] * 8;
  listPointer(new DataView(out.buffer, rootSegStart), slot * 8, listAt - (slot + 1), 6, flags.length);
  return out;
}

/**
 * Runs `start` (which starts a Miniflare) with `MINIFLARE_WORKERD_PATH` naming bench/workerd-v8.sh,
 * so the workerd it spawns gets `flags`; the environment is restored once `start` settles. Miniflare
 * reads the variable when it spawns workerd: start one worker at a time.
 *
 * @param flags - V8 flags for that workerd
 * @param start - starts the worker (e.g. `() => startWorker({...})`) and resolves once it is up
 * @returns what `start` returns
 * @example
 * const worker = await withV8Flags(ISOLATE_V8_FLAGS, () => startWorker());
 */
export async function withV8Flags<T>(flags: readonly string[], start: () => Promise<T>): Promise<T> {
  const names = ['MINIFLARE_WORKERD_PATH', 'ATLAS_WORKERD', 'ATLAS_V8_FLAGS', 'ATLAS_NODE'] as const;
  const saved = names.map((n) => process.env[n]);
  Object.assign(process.env, {
    ATLAS_WORKERD: process.env.MINIFLARE_WORKERD_PATH ?? (createRequire(import.meta.url)('workerd') as { default: string }).default,
    MINIFLARE_WORKERD_PATH: fileURLToPath(new URL('./workerd-v8.sh', import.meta.url)),
    ATLAS_V8_FLAGS: flags.join(' '),
    ATLAS_NODE: process.execPath,
  });
  try {
    return await start();
  } finally {
    names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
  }
}

// As a script (bench/workerd-v8.sh): the config on stdin, patched with $ATLAS_V8_FLAGS, on stdout.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flags = (process.env.ATLAS_V8_FLAGS ?? '').split(/\s+/).filter(Boolean);
  process.stdout.write(addV8Flags(readFileSync(0), flags));
}
