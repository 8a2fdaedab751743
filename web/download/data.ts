/**
 * A layer's or a feature's data saved as GeoJSON or CSV, with its credit line. A layer is asked of the
 * API for the year (`/api/layers/:id?year=`): a tiled layer is never whole in the page, and one path
 * for every layer gives the same file whatever the page holds.
 */
import type { AtlasCollection } from '../../geo/bundle.ts';
import { creditsOf, type CatalogEntry } from '../../geo/catalog.ts';
import { toCsv } from '../../geo/csv.ts';
import { fromOsm, layerGeoJson, layerRows, withLayerDefaults, type DownloadCredit, type DownloadFeature } from '../../geo/layer-csv.ts';
import { featureUrl, getJson, layerUrl } from '../api.ts';
import { dataFileName, saveFile, type DataFormat } from '../ui/download.ts';

/** The credit of a layer's data from an address of the API. */
const creditOf = (layer: CatalogEntry, path: string, year: number): DownloadCredit => ({
  url: new URL(path, location.href).href,
  year,
  osm: creditsOf([layer.id]).length > 0 || fromOsm(layer.extra?.source),
});

/** Saves features in a format, each with its layer's defaults filled in. */
function save(layer: CatalogEntry, features: readonly DownloadFeature[], credit: DownloadCredit, parts: (string | number)[], format: DataFormat): void {
  const filled = features.map((f) => withLayerDefaults(f, layer.extra));
  const name = dataFileName(parts, format);
  if (format === 'csv') saveFile(name, toCsv(layerRows(filled, layer.id, credit)), 'text/csv;charset=utf-8');
  else saveFile(name, `${JSON.stringify(layerGeoJson(filled, layer, credit), null, 1)}\n`, 'application/geo+json');
}

/**
 * Saves a layer's features on the map of a year, asked of the API.
 *
 * @param layer - the layer's catalogue entry
 * @param year - the map's year
 * @param format - GeoJSON or CSV
 * @returns when the file is handed to the browser (rejects when the API does not answer, or the catalogue says
 *   the layer does not download by year)
 * @example
 * await saveLayer(ports, 2027, 'csv'); // wandakaiyun-ports-2027.csv
 */
export async function saveLayer(layer: CatalogEntry, year: number, format: DataFormat): Promise<void> {
  // A layer served from its archive answers no year: the panel links its whole GeoJSON instead (or offers nothing).
  if (layer.download) throw new Error(`layer ${layer.id} downloads ${layer.download === 'whole' ? 'whole, from its link' : 'not at all'}, never by year`);
  const path = layerUrl(layer.id, { year });
  const collection = await getJson<AtlasCollection>(path);
  save(layer, collection.features as unknown as DownloadFeature[], creditOf(layer, path, year), [layer.id, year], format);
}

/**
 * Saves one feature as the page holds it, its status as of the map's year.
 *
 * @param layer - its layer's catalogue entry
 * @param feature - the feature
 * @param year - the map's year
 * @param format - GeoJSON or CSV
 * @example
 * saveFeature(ports, feature, 2027, 'geojson'); // wandakaiyun-ports-xintian-port-2027.geojson
 */
export function saveFeature(layer: CatalogEntry, feature: DownloadFeature, year: number, format: DataFormat): void {
  const path = featureUrl(layer.id, feature.properties.id);
  save(layer, [feature], creditOf(layer, path, year), [layer.id, feature.properties.id, year], format);
}
