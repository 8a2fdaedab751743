/**
 * The answers of the layer routes as zod schemas: `GET /api/layers` (the catalogue), `GET /api/layers/:id`
 * (a layer as GeoJSON) and `GET /api/layers/:id/features/:featureId` (one feature). The API description
 * shows them and tests/worker/openapi.test.ts holds real answers to them. A feature is described loosely:
 * geo/schema.ts is the data's full check; an answer also carries the derived keys and, for a year, `status_in`.
 */
import { z } from 'zod';
import type { CatalogEntry } from '../catalog.ts';
import { ACCURACIES, LAYER_GROUPS, STATUSES } from '../layers.ts';
import { ARCHIVE_TILE_TYPES, VECTOR_GEOMETRIES, type ArchiveFacts } from '../pmtiles/facts.ts';
import { Geometry, Source } from '../schema.ts';

const GEOMETRY_TYPES = ['Point', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'] as const satisfies readonly Geometry['type'][];

/** An external PMTiles archive's facts (geo/pmtiles/facts.ts): what the publish read of its header and metadata. */
export const ArchiveFactsSchema = z.object({
  type: z.enum(ARCHIVE_TILE_TYPES).meta({ description: 'Its tiles: `mvt` vector tiles, or raster images.' }),
  minzoom: z.number().int(),
  maxzoom: z.number().int().meta({ description: 'The archive’s deepest zoom (tiles are asked to `maxzoom` above, at most 14).' }),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  tileSize: z.number().int().optional().meta({ description: 'A raster archive’s tile size in pixels, when its metadata says it.' }),
  layers: z
    .array(z.object({ id: z.string(), geometry: z.enum(VECTOR_GEOMETRIES).optional() }))
    .optional()
    .meta({ description: 'A vector archive’s source-layers (its metadata’s `vector_layers`) and their geometry where it says.' }),
}) satisfies z.ZodType<ArchiveFacts>;

/** One layer in the catalogue (geo/catalog.ts `CatalogEntry`). */
export const CatalogEntrySchema = z.object({
  id: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  group: z.enum(LAYER_GROUPS),
  geometry: z.array(z.enum(GEOMETRY_TYPES)).meta({ description: 'The geometry types present, sorted.' }),
  count: z.number().int(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().meta({ description: 'minLon, minLat, maxLon, maxLat; null when empty.' }),
  version: z.string(),
  countsByYear: z.record(z.string(), z.number().int()).optional().meta({ description: 'Features on the map of each year of the page’s slider, when the publish counted them.' }),
  delivery: z.enum(['geojson', 'tiles']).meta({ description: '`geojson` from `/api/layers/:id`, or `tiles` from `tiles`.' }),
  tiles: z.string().optional().meta({ description: 'A tiled layer’s tiles: a MapLibre `tiles` template, relative to the site.' }),
  maxzoom: z.number().int().optional(),
  chars: z.string().optional().meta({ description: 'The characters of the layer’s names, for the page to load their font.' }),
  archive: ArchiveFactsSchema
    .optional()
    .meta({ description: 'An extra layer that is an external PMTiles archive (a basemap of the region): what the publish read of its header and metadata. The page draws it under the atlas’s layers.' }),
  download: z
    .enum(['whole', 'none'])
    .optional()
    .meta({
      description:
        'How the layer downloads when not by year. Absent: `/api/layers/:id?year=…` gives the map of a year. `whole`: a layer served from its own PMTiles archive, whose GeoJSON as published comes from `/api/layers/:id` without parameters (it answers no `year`). `none`: no download, an external archive (tiles only) or an archived layer whose GeoJSON was too large to publish (search it with `q`).',
    }),
  extra: z
    .object({ colour: z.string(), source: Source, accuracy: z.enum(ACCURACIES), uncertainty_km: z.number(), attribution: z.string().optional().meta({ description: 'The credit its licence asks for, on the map.' }) })
    .optional()
    .meta({ description: 'An extra layer’s colour, source and position quality.' }),
}) satisfies z.ZodType<CatalogEntry>;

/** The answer of `GET /api/layers`. */
export const CatalogResponse = z.object({
  version: z.string().meta({ description: 'The layer source’s version: it changes with every publish.' }),
  layers: z.array(CatalogEntrySchema).meta({ description: 'Bottom of the map first: the base, the extra layers, then the atlas’s thematic layers.' }),
});
export type CatalogResponse = z.output<typeof CatalogResponse>;

/** A feature as the layer routes send it: its names, life, source and position quality, its figures besides. */
export const FeatureResponse = z.object({
  type: z.literal('Feature'),
  properties: z.looseObject({
    id: z.string(),
    name_zh: z.string(),
    name_en: z.string(),
    name_py: z.string().optional().meta({ description: 'The Chinese name in pinyin, for search.' }),
    kind: z.string().optional(),
    status: z.enum(STATUSES).optional().meta({ description: 'The latest status a source reports (thematic features).' }),
    as_of: z.string().optional().meta({ description: 'The date of that report.' }),
    status_in: z
      .object({ year: z.number().int(), status: z.enum(STATUSES), expected: z.boolean() })
      .optional()
      .meta({ description: 'With `year`: the status in that year, `expected` when only a plan says so.' }),
    accuracy: z.enum(ACCURACIES).optional(),
    uncertainty_km: z.number().optional(),
    source: Source.optional(),
  }),
  geometry: Geometry,
});
export type FeatureResponse = z.output<typeof FeatureResponse>;

/** The answer of `GET /api/layers/:id`. */
export const LayerResponse = z.object({ type: z.literal('FeatureCollection'), features: z.array(FeatureResponse) });
export type LayerResponse = z.output<typeof LayerResponse>;
