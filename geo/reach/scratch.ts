/**
 * Typed arrays reused from one travel-time field to the next. A field on the 0.005° grid takes a few
 * megabytes; allocating them for every request makes the engine collect garbage (large buffers count
 * as external memory) in the middle of the next steps. An array taken here is valid until the same
 * key is taken again: the isochrones take theirs, use them and let them go within one synchronous call.
 */

/** A typed array's constructor over a buffer. */
interface TypedArrayOver<T> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

const buffers = new Map<string, ArrayBuffer>();
/** Buffers larger than this (bytes) are not kept: a rare huge field does not hold its memory afterwards. */
const KEEP_BYTES = 16_000_000;

/**
 * A typed array of a length over a buffer kept under a key, its contents undefined (fill it).
 *
 * @param key - what the array is for; one array per key is live at a time
 * @param type - its constructor (Float32Array, Int32Array, Uint8Array …)
 * @param length - its length
 * @returns the array
 * @example
 * const minutes = reusedArray('field.minutes', Float32Array, cols * rows).fill(Infinity);
 */
export function reusedArray<T>(key: string, type: TypedArrayOver<T>, length: number): T {
  const bytes = length * type.BYTES_PER_ELEMENT;
  let buffer = buffers.get(key);
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(bytes);
    if (bytes <= KEEP_BYTES) buffers.set(key, buffer);
  }
  return new type(buffer, 0, length);
}
