/**
 * The security headers of the atlas's pages: a strict Content-Security-Policy
 * with no inline script, and who may frame the page. Embeds may be framed by any
 * site; the explorer only by itself.
 */

/** Which kind of page the headers are for. */
export type PageKind = 'explorer' | 'embed';

/**
 * Headers for an HTML page.
 *
 * @param kind - the explorer or an embed
 * @param remote - sources a configured remote basemap needs (its tiles, sprites and fonts may sit on other hosts than its style)
 * @returns header name → value
 * @example
 * pageHeaders('embed', []);
 */
export function pageHeaders(kind: PageKind, remote: readonly string[] = []): Record<string, string> {
  const extra = remote.length ? ` ${remote.join(' ')}` : '';
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${extra}`,
    "font-src 'self'",
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${kind === 'embed' ? '*' : "'self'"}`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    ...(kind === 'explorer' ? { 'X-Frame-Options': 'SAMEORIGIN' } : {}),
  };
}
