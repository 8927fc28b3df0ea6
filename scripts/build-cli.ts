import { build, type Plugin } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * `npm run build` (and `prepare`, so `npm ci` runs it): bundles the `seam` CLI into `dist/`, the folder
 * the package's `bin` runs. Every subcommand becomes its own chunk, loaded by its dynamic import, so
 * `seam --help` parses a few kilobytes and `seam lint` never sees Kafka or PostgreSQL.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --outdir DIR builds elsewhere (the build test does); the package's bin is dist/seam.js.
const outdir = path.resolve(parseArgs({ options: { outdir: { type: 'string' } } }).values.outdir ?? path.join(root, 'dist'));

/**
 * Source modules find files next to themselves (`import.meta.url`, `import.meta.dirname`): the mapping
 * file, the repository root, createRequire's base. Bundled, they would all point into dist/; this
 * rewrites each to the module's own source location, relative to dist/, so paths resolve as from source.
 */
const sourceLocatedImportMeta: Plugin = {
  name: 'source-located-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta')) return { contents: source, loader: 'ts' };
      const fromDist = (file: string) => JSON.stringify(path.relative(outdir, file).split(path.sep).join('/'));
      const url = `new URL(${fromDist(args.path)}, import.meta.url).href`;
      const dirname = `__seamPath.dirname(__seamUrl.fileURLToPath(new URL(${fromDist(args.path)}, import.meta.url)))`;
      const contents =
        `import * as __seamPath from 'node:path';\nimport * as __seamUrl from 'node:url';\n` +
        source
          .replace(/\bimport\.meta\.url\b/g, url)
          .replace(/\bimport\.meta\.dirname\b/g, dirname)
          .replace(/\bimport\.meta\.filename\b/g, `__seamUrl.fileURLToPath(${url})`);
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Packages stay external (Node loads them from node_modules, as from source) except the two that
 * `seam lint` needs and that load slowly file by file: zod is ~230 modules (~90 ms imported), yaml ~70
 * (~40 ms); bundled, each is one tree-shaken chunk. yaml's ESM build is the one without Node's
 * `process` module, which a bundled ESM chunk cannot require.
 */
const BUNDLED = new Map([
  ['zod', undefined],
  ['yaml', path.join(root, 'node_modules', 'yaml', 'browser', 'index.js')],
]);
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
      if (!BUNDLED.has(name)) return { path: args.path, external: true };
      const entry = BUNDLED.get(name);
      return entry && args.path === name ? { path: entry } : undefined;
    });
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: { seam: path.join(root, 'cli', 'bin.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: 'linked',
  tsconfig: path.join(root, 'tsconfig.json'),
  plugins: [externalPackages, sourceLocatedImportMeta],
  logLevel: 'warning',
});
