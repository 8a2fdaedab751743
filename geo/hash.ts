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
