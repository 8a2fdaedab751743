/**
 * FNV-1a, 32 bits, as 8 hex digits: a cheap, stable fingerprint for versions and ETags.
 * Not for security: it only has to change when the text changes.
 *
 * @param text - any string
 * @returns 8 lower-case hex digits
 * @example
 * fnv1a('万州'); // '76bf26a8' (stable across runs and runtimes)
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Two FNV-1a lanes with different offsets, as 16 hex digits: for ETags, where a
 * 32-bit collision between two queries would hand one the other's answer.
 *
 * @param text - any string
 * @returns 16 lower-case hex digits
 * @example
 * fnv1a64('bbox=108,30,109,31'); // 16 hex digits
 */
export function fnv1a64(text: string): string {
  let h = 0x811c9dc5;
  let g = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193);
    g = Math.imul(g ^ c, 0x01000193) ^ (g >>> 15);
  }
  return (h >>> 0).toString(16).padStart(8, '0') + (g >>> 0).toString(16).padStart(8, '0');
}
