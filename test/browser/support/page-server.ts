import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the test page on 127.0.0.1: the page script and styles bundled from `entry` in memory,
 * and each Modeler plugin folder under `/plugins/<folder>/`, as the Modeler serves a plugin's
 * files from its base folder. Nothing else answers.
 */
export async function startPageServer(entry: string, pluginBases: Record<string, string>): Promise<PageServer> {
  const bundled = await build({
    entryPoints: { page: entry },
    outdir: '/page',
    write: false,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
  });
  const assets = new Map(bundled.outputFiles.map((file) => [`/${path.basename(file.path)}`, file.contents]));
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/page.css"></head><body><div id="app"><div id="canvas"></div><aside id="problems"></aside></div><script src="/page.js"></script></body></html>';

  const server = http.createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, type: string, body: string | Uint8Array) => response.writeHead(status, { 'content-type': type }).end(body);
    if (pathname === '/') return send(200, 'text/html; charset=utf-8', html);
    const asset = assets.get(pathname);
    if (asset) return send(200, pathname.endsWith('.css') ? 'text/css' : 'text/javascript', asset);
    const plugin = /^\/plugins\/([^/]+)\/(.+)$/.exec(pathname);
    const base = plugin ? pluginBases[plugin[1]!] : undefined;
    if (plugin && base) {
      const file = path.join(base, path.posix.normalize(`/${plugin[2]}`));
      const body = await readFile(file).catch(() => null);
      if (body) return send(200, file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream', body);
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
