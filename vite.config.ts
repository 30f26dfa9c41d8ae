import { defineConfig } from 'vite';

/** Builds the console's Lit front end from console/web into console/web/dist. */
export default defineConfig({
  root: 'console/web',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/track': 'http://127.0.0.1:3000' } },
});
