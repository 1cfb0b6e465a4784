/**
 * The built client (client/dist): its files, compressed at build time (.br and .gz beside each, from
 * vite-plugin-compression2), and index.html for the client's own routes (/hospital, /command ...).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite names what it emits under assets/ by the hash of its content: a new build is a new name. */
export const HASHED = 'public, max-age=31536000, immutable';
/** index.html names the hashed files of the build now deployed, so the browser asks again each time. */
export const PAGE = 'no-cache';
/** Files copied as they are (client/public: the basemap styles): may change with a deploy, under the same name. */
export const UNHASHED = 'public, max-age=300';

function cacheControl(reply: FastifyReply, file: string, dist: string): void {
  const rel = path.relative(dist, file).split(path.sep).join('/');
  reply.header('cache-control', rel.startsWith('assets/') ? HASHED : rel === 'index.html' ? PAGE : UNHASHED);
}

/** Serves `dist` when it holds a build; returns whether it did. */
export async function registerClientFiles(app: FastifyInstance, dist: string): Promise<boolean> {
  if (!fs.existsSync(path.join(dist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // Picks x.js.br or x.js.gz by Accept-Encoding (and says Vary: Accept-Encoding); no compression per request.
    preCompressed: true,
    // The compressed copies are found beside the file they belong to, not served under their own names.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, file) => cacheControl(reply, file, dist),
  });
  // Client-side routes all load the one page. Not for /api/ (a JSON 404), nor for a missing file under
  // /assets/: a tab still open on the previous build asks for its old chunk names, and index.html
  // given for a script would be parsed as one (a syntax error) instead of plainly failing to load.
  app.get('/*', { schema: { hide: true }, config: { roles: 'public' } }, (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}` });
    }
    return reply.sendFile('index.html');
  });
  return true;
}
