// Modules that `modeler-bundle.ts` generates while bundling the client script.

declare module 'seam-lint:packed-config' {
  /** What bpmnlint's compile-config writes: the `.bpmnlintrc` with every enabled rule bundled. */
  const bundle: {
    config: { rules: Record<string, unknown> };
    resolver: { resolveRule(pkg: string, ruleName: string): unknown; resolveConfig(pkg: string, name: string): unknown };
  };
  export default bundle;
}

declare module 'seam-lint:project-context' {
  /** Contracts, previous-version summaries and retired waits by process key. */
  const context: Record<string, unknown>;
  export default context;
}

declare module 'seam-lint:settings' {
  /** Rules (`seam/<name>`) that read the project context from their options. */
  export const contextRules: string[];
  /** Absolute URL that the rules' repository-relative documentation paths resolve against. */
  export const docsBaseUrl: string;
}
