import { defineConfig } from 'vite';

// The page is built into dist/web, which wrangler serves as static assets.
export default defineConfig({
  root: 'web',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `vite` alone serves the page with the API from a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
