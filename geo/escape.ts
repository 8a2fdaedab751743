/**
 * Escapes text for HTML and XML, in text and in quoted attributes: the one
 * escaper of the pages, the oEmbed HTML, the share snippets and the SVG pictures.
 *
 * @param s - any text
 * @returns the text with `& < > " '` as entities
 * @example
 * escapeMarkup('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 */
export const escapeMarkup = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
