/**
 * A point named by the nearest seat, in the page's language ("云阳县 以西 8 km", "8 km W of Yunyang
 * County"), for a reach origin clicked on the map.
 */
import type { AtlasFeature } from '../../geo/bundle.ts';
import { nearestPlace, type NamedPlace } from '../../geo/nearest-place.ts';
import type { Lang } from '../../geo/state.ts';
import { t } from '../i18n.ts';

/**
 * The places a point may be named by: the places layer's seats.
 *
 * @param features - the places layer's features (none when it did not load)
 * @returns each seat's id, names and position
 * @example
 * const seats = seatsOf(data.features.get('places'));
 */
export function seatsOf(features: readonly AtlasFeature[] = []): NamedPlace[] {
  return features.flatMap((f) =>
    f.geometry.type === 'Point' ? [{ id: String(f.properties.id), name_zh: String(f.properties.name_zh), name_en: String(f.properties.name_en ?? f.properties.name_zh), lonLat: f.geometry.coordinates }] : [],
  );
}

/**
 * A point's name by the nearest seat, or its coordinates when there is no seat to name it by.
 *
 * @param lang - the language
 * @param seats - the places to name it by (`seatsOf`)
 * @param lonLat - the point
 * @returns e.g. `云阳县 以西 8 km`, `8 km W of Yunyang County`, `near Wanzhou District`
 * @example
 * pointName('en', seats, [108.6, 30.93]); // '9 km W of Yunyang County'
 */
export function pointName(lang: Lang, seats: readonly NamedPlace[], lonLat: readonly [number, number] | number[]): string {
  const near = nearestPlace(seats, lonLat);
  if (!near) return lonLat.map((v) => v.toFixed(3)).join(', ');
  const place = lang === 'zh' ? near.name_zh : near.name_en;
  return near.direction === 'at' ? t(lang, 'atPlace', { place }) : t(lang, 'nearPlace', { place, dir: t(lang, `dir_${near.direction}`), km: near.km });
}
