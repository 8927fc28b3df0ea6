// bpmn-auto-layout ships no type declarations; this is the one function Seam calls.
declare module 'bpmn-auto-layout' {
  /** Returns the model's XML with a generated diagram (bpmn-moddle's serialization of the whole document). */
  export function layoutProcess(xml: string): Promise<string>;
}
