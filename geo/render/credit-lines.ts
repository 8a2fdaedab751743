/**
 * A picture's credit line, which must never be cut (OpenStreetMap's licence asks for its credit
 * wherever the data is shown): it shrinks a little to fit, then breaks between its parts.
 */
import { textWidth } from './labels.ts';

/**
 * Sets credits in as few lines as fit a width.
 *
 * @param parts - the credits, in order (joined by " · ")
 * @param maxWidth - the width available, in px
 * @param size - the font size and the smallest it may shrink to
 * @returns the lines and their font size
 * @example
 * creditLines(['Data: …', '© OpenStreetMap contributors'], 300, { size: 11, min: 9 }); // { lines: ['Data: …', '© OpenStreetMap contributors'], size: 11 }
 */
export function creditLines(parts: readonly string[], maxWidth: number, size: { size: number; min: number }): { lines: string[]; size: number } {
  const whole = parts.join(' · ');
  const fits = Math.floor((size.size * maxWidth) / Math.max(1, textWidth(whole, size.size)));
  if (fits >= size.min) return { lines: [whole], size: Math.min(size.size, fits) };
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.at(-1);
    if (last !== undefined && textWidth(`${last} · ${part}`, size.min) <= maxWidth) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(part);
  }
  return { lines, size: size.min };
}
