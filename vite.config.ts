import { defineConfig } from 'vite';

// The page is built into dist/web, which wrangler serves as static assets.
export default defineConfig({
  root: 'web',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URIs: the pages' CSP takes fonts and images from 'self' only.
    assetsInlineLimit: 0,
    // MapLibre in a chunk of its own: cached across deploys of the page, and reported apart by `npm run bench:web`.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      input: { main: 'web/index.html', embed: 'web/embed.html' },
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } },
    },
  },
  server: {
    // `vite` alone serves the page with the API from a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
