import type { BpmnModdleInstance } from './bpmnlint-runtime.ts';
import { parseModel, type ParsedModel } from './parse-model.ts';
import { readModel } from './read-model.ts';

/**
 * What one lint run reads more than once, read once: `v1.bpmn` is linted and is `v2.bpmn`'s baseline,
 * and both versions share their folder's `contract.yaml`. Lives for one run, so an edited file is
 * read afresh by the next.
 */
export class RunCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** A model file's text and parse, read and parsed once per run. */
  model(file: string, moddle: BpmnModdleInstance): Promise<{ xml: string; parsed: ParsedModel }> {
    return this.once(`model:${file}`, async () => {
      const xml = await readModel(file);
      return { xml, parsed: await parseModel(xml, moddle) };
    });
  }
}
