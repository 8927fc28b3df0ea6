import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export interface ModelerPlugin {
  /** The plugin's folder name under plugins/. */
  folder: string;
  name: string;
  /** The client script, relative to the plugin's folder. */
  script: string;
}

/**
 * What the Camunda Modeler's main process does with `resources/plugins/*\/index.js`: require
 * each descriptor (CommonJS, through a link if the folder is one) and keep those with a name and
 * a script.
 */
export async function discoverModelerPlugins(pluginsDir: string): Promise<ModelerPlugin[]> {
  const plugins: ModelerPlugin[] = [];
  for (const folder of (await readdir(pluginsDir)).sort()) {
    const { name, script } = require(path.join(pluginsDir, folder, 'index.js')) as { name?: string; script?: string };
    if (!name) throw new Error(`plug-in descriptor ${folder}/index.js is missing <name>`);
    if (script) plugins.push({ folder, name, script: path.posix.normalize(script) });
  }
  return plugins;
}
