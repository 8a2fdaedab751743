/** The validated data bundle written by `npm run data:check` (wrangler.toml `[alias]`, vitest `resolve.alias`). */
declare module '@atlas/data' {
  const bundle: import('../geo/bundle.ts').DataBundle;
  export default bundle;
}
