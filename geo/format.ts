/**
 * Writes a FeatureCollection one feature per line, so that a diff of a data file
 * shows which features changed and nothing else.
 *
 * @param features - the features, in the order to keep
 * @returns the file text, ending with a newline
 * @example
 * formatFeatureCollection([{ type: 'Feature', properties: { id: 'a' }, geometry: null }]);
 * // '{"type":"FeatureCollection","features":[\n{"type":"Feature",...}\n]}\n'
 */
export function formatFeatureCollection(features: readonly unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
