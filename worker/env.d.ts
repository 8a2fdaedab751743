/** The validated data bundle written by `npm run data:check` (wrangler.toml `[alias]`, vitest `resolve.alias`). */
declare module '@atlas/data' {
  const bundle: import('../geo/bundle.ts').DataBundle;
  export default bundle;
}

/** The font subsets for the PNG pictures, written by the build (geo/scripts/picture-font.ts). */
declare module '@atlas/picture-fonts' {
  const fonts: import('../geo/render/fonts.ts').PictureFonts;
  export default fonts;
}

/** WebAssembly modules, as wrangler bundles them. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
