import { constants as zlib } from 'node:zlib';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const server = process.env.DISPATCH_SERVER ?? 'http://127.0.0.1:3000';

/**
 * Vendor code in chunks named for what they hold (docs/decisions/0013-client-chunks.md): a console
 * that does not show the map never fetches `maplibre`, and a new release of the app leaves the
 * vendors' hashes, and so the browsers' cached copies, as they were.
 */
const VENDOR_CHUNKS: { name: string; test: RegExp }[] = [
  { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre)[\\/]/ },
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
  { name: 'charts', test: /node_modules[\\/]uplot[\\/]/ },
  { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/ },
  { name: 'socket', test: /node_modules[\\/](socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io[\\/]component-emitter|debug|ms|xmlhttprequest-ssl|ws)[\\/]/ },
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
  { name: 'clusters', test: /node_modules[\\/](supercluster|kdbush|rbush|quickselect)[\\/]/ },
];

export default defineConfig({
  plugins: [
    react(),
    // .br and .gz beside each file, served by @fastify/static's preCompressed (server/src/plugins/clientFiles.ts):
    // compressed once at build time at the highest levels, not per request.
    compression({
      algorithms: [defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }), defineAlgorithm('gzip', { level: 9 })],
      threshold: 1024,
      include: /\.(js|mjs|css|html|json|svg|txt)$/,
    }),
  ],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // The licences of every library in the bundle, served beside it (NOTICE points here).
    license: { fileName: 'third-party-licenses.md' },
    rolldownOptions: {
      output: {
        // Keeps modules running in import order although a group takes a module without its dependencies.
        strictExecutionOrder: true,
        codeSplitting: {
          groups: [
            ...VENDOR_CHUNKS.map((g) => ({ ...g, priority: 10 })),
            // The contract with the server (@dispatch/shared: schemas, domain rules), used by every screen.
            { name: 'shared', test: /[\\/]shared[\\/](src|dist)[\\/]/, priority: 5 },
            // The app's own map code (shared by the dispatch, wall and command screens), beside maplibre.
            // Only the map's own modules: with their dependencies (ui/format.ts ...) the chunk would be imported by
            // every screen, and with it maplibre.
            { name: 'map', test: /[\\/]src[\\/]map[\\/]/, priority: 5, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': server,
      '/healthz': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
