/**
 * The source documents the data quotes, for the tests that compare the quotes with them, and
 * OpenStreetMap's station points, for the test that compares the stations' positions. They are
 * not part of the repository: a team machine and CI have them beside the clone, in `../shared/seeds`
 * and `../shared/data`, and `ATLAS_SOURCES_DIR` and `ATLAS_OSM_STATIONS` can name others. A clone
 * without them still passes `npm test`; the comparison is then not made, and the test log says so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the team keeps the documents: beside the clone. */
const BESIDE_THE_CLONE = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

/** … and OpenStreetMap's station points (see the data README there). */
const OSM_STATIONS_BESIDE = fileURLToPath(new URL('../../../shared/data/osm_railway_stations.geojson', import.meta.url));

/** The documents, by the number that starts each file's name (`000`, `001`…), their text normalised. */
export type SourceTexts = Record<string, string>;

/** Which document a cited title belongs to, by the words every citation of it carries. */
export const SOURCE_TITLES: readonly [RegExp, string][] = [
  [/牢记殷殷嘱托/, '000'],
  [/2020川渝国企万州行|构筑立体交通枢纽/, '001'],
  [/推进协作当样板/, '002'],
  [/万州府发〔2023〕12号/, '003'],
  [/平湖风帆劲/, '004'],
];

/**
 * Where the documents are: `ATLAS_SOURCES_DIR` when it is set (relative to the working directory),
 * else `../shared/seeds` beside the clone when it exists, else null.
 *
 * @param env - the environment to read `ATLAS_SOURCES_DIR` from
 * @returns the folder, or null when there is none
 * @throws when `ATLAS_SOURCES_DIR` names something that is not a folder: asking for a check that
 *   cannot run must not pass quietly
 * @example
 * sourcesDir({ ATLAS_SOURCES_DIR: '../shared/seeds' }); // '/work/shared/seeds'
 */
export function sourcesDir(env: NodeJS.ProcessEnv = process.env): string | null {
  return namedOrBeside(env, 'ATLAS_SOURCES_DIR', BESIDE_THE_CLONE, 'folder');
}

/**
 * Where OpenStreetMap's railway station points are: `ATLAS_OSM_STATIONS` when it is set, else the
 * team's copy beside the clone when it exists, else null.
 *
 * @param env - the environment to read `ATLAS_OSM_STATIONS` from
 * @returns the GeoJSON file, or null when there is none
 * @throws when `ATLAS_OSM_STATIONS` names no file
 * @example
 * osmStationsFile({}); // '/work/shared/data/osm_railway_stations.geojson' on a team machine
 */
export function osmStationsFile(env: NodeJS.ProcessEnv = process.env): string | null {
  return namedOrBeside(env, 'ATLAS_OSM_STATIONS', OSM_STATIONS_BESIDE, 'file');
}

/** The path a variable names (which must be of its kind), else the team's copy when it exists, else null. */
function namedOrBeside(env: NodeJS.ProcessEnv, variable: string, beside: string, kind: 'file' | 'folder'): string | null {
  const named = env[variable];
  if (named) {
    const path = resolve(named);
    const stat = existsSync(path) ? statSync(path) : null;
    if (!stat || (kind === 'file' ? !stat.isFile() : !stat.isDirectory())) throw new Error(`${variable} names ${path}, which is not a ${kind}`);
    return path;
  }
  return existsSync(beside) ? beside : null;
}

/**
 * Quotes may join lines and use full- or half-width punctuation; nothing else may differ.
 *
 * @param text - a quote or a whole document
 * @returns the text without white space, its punctuation half-width
 * @example
 * normalise('万州，达州'); // '万州,达州'
 */
export const normalise = (text: string): string =>
  text
    .replace(/\s+/g, '')
    .replace(/[，]/g, ',')
    .replace(/[；]/g, ';')
    .replace(/[：]/g, ':')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[“”"]/g, '"');

/**
 * Reads the documents of a folder: every `NNN_….txt`.
 *
 * @param dir - the folder
 * @returns their normalised texts by number
 * @throws when the folder holds no document, so that a wrong folder is not taken for an empty one
 * @example
 * readSources(sourcesDir()!)['003']; // the plan, normalised
 */
export function readSources(dir: string): SourceTexts {
  const files = readdirSync(dir).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  if (files.length === 0) throw new Error(`${dir} holds no source document (NNN_….txt)`);
  return Object.fromEntries(files.map((f) => [f.slice(0, 3), normalise(readFileSync(resolve(dir, f), 'utf8'))]));
}

/** A feature's citation of a source document. */
export interface Citation {
  /** `layer/feature id`, for the message */
  where: string;
  title: string;
  quote?: string;
}

/**
 * The number of the document a citation's title names.
 *
 * @param title - the cited title
 * @returns `000`…`004`, or undefined for a source that is not one of the documents
 * @example
 * documentOf('万州府发〔2023〕12号 …'); // '003'
 */
export const documentOf = (title: string): string | undefined => SOURCE_TITLES.find(([re]) => re.test(title))?.[1];

/**
 * The citations whose quote is not in the document they cite, word for word (after `normalise`).
 *
 * @param citations - citations of the documents
 * @param texts - the documents
 * @returns one line per misquote: where, and the quote
 * @example
 * misquoted([{ where: 'ports/x', title: '平湖风帆劲', quote: '港口' }], { '004': '港口吞吐量' }); // []
 */
export function misquoted(citations: readonly Citation[], texts: SourceTexts): string[] {
  return citations
    .filter((c) => {
      const text = texts[documentOf(c.title) ?? ''];
      return !c.quote || text === undefined || !text.includes(normalise(c.quote));
    })
    .map((c) => `${c.where}: "${c.quote ?? ''}"`);
}
