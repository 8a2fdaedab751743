/**
 * The embed code the share dialog gives: a plain iframe as tall as the embed at its width, and the
 * responsive script embed. Pure, so the browser tests paste exactly what an editor copies.
 */
import { embedSize, type EmbedTexts } from '../../geo/embed-size.ts';
import { escapeMarkup as attr } from '../../geo/escape.ts';

/** What {@link embedCodes} needs. */
export interface EmbedCodeOptions {
  /** The atlas's origin, for the script. */
  origin: string;
  /** The embed's URL (with its `height`, the map's). */
  url: string;
  title: string;
  /** The named view's id, or `view` for an explorer state. */
  view: string;
  /** The frame's width and the map's height, in px. */
  width: number;
  map: number;
  /** A newsroom's own title, caption and callout, which may take more lines than the measured embed's. */
  texts?: EmbedTexts;
}

/**
 * The plain iframe and the script embed, both sized to hold the whole embed at the width.
 *
 * @param o - the URL, title, view, width and map height
 * @returns the two codes and the frame's height
 * @example
 * embedCodes({ origin, url: `${origin}/embed/ports?height=220`, title: '港区', view: 'ports', width: 360, map: 220 }).iframe;
 */
export function embedCodes(o: EmbedCodeOptions): { iframe: string; script: string; height: number } {
  // The frame holds the whole embed at its width: the embed's measured parts and the map (geo/embed-size.ts).
  const height = embedSize(o.view, o.width, { map: o.map, texts: o.texts }).height;
  const w = o.width;
  return {
    height,
    iframe: `<iframe src="${attr(o.url)}" title="${attr(o.title)}" width="${w}" height="${height}" style="border:0;width:100%;max-width:${w}px" loading="lazy"></iframe>`,
    script: `<div data-atlas-embed="${attr(o.url)}" data-atlas-title="${attr(o.title)}" data-atlas-height="${height}" style="max-width:${w}px"></div>\n<script src="${attr(o.origin)}/embed.js" async></script>`,
  };
}
