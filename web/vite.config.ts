import { defineConfig } from 'vite';

// Built with `vite build web` from the package root: this folder is Vite's root, output goes to web/dist.
export default defineConfig({
  base: '/ui/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Keeps the page within the strict Content-Security-Policy the admin listener sends (no inline script).
    modulePreload: { polyfill: false },
  },
});
