/** What a subcommand module exports: the command's entry point. */
export interface Command {
  run(args: string[]): Promise<number>;
}

/** One line of `seam --help`, and how to load the command's module when it runs. */
export interface CommandEntry {
  summary: string;
  load(): Promise<Command>;
}

/**
 * Every `seam` subcommand, one module each, imported only when that subcommand runs: `seam --help`
 * and `seam lint` must not pay for Kafka, PostgreSQL or MikroORM.
 */
export const commands: Record<string, CommandEntry> = {
  run: {
    summary: 'the main job: bridge + workers in one process (brings up the local stack when nothing is configured)',
    load: async () => (await import('./run.ts')).runCommand,
  },
  stack: {
    summary: 'the local stack: up | down | status | logs',
    load: async () => (await import('./stack.ts')).stackCommand,
  },
  db: {
    summary: "Seam's database schema: migrate | status",
    load: async () => (await import('./db.ts')).dbCommand,
  },
  lint: {
    summary: 'lint BPMN models: event contract rules and cross-version checks',
    load: async () => (await import('./lint.ts')).lintCommand,
  },
  contracts: {
    summary: 'event contracts per process, and what a new version changes (breaking or not)',
    load: async () => (await import('./contracts.ts')).contractsCommand,
  },
  deploy: {
    summary: 'lint, check running instances and open commands, deploy the process models',
    load: async () => (await import('./deploy.ts')).deployCommand,
  },
  config: {
    summary: 'print the configuration table (--markdown) or check the environment (--check)',
    load: async () => (await import('./config.ts')).configCommand,
  },
  workers: {
    summary: 'run the external-task workers (shadow hooks, late events, case tasks) until SIGTERM',
    load: async () => (await import('./workers.ts')).workersCommand,
  },
  bridge: {
    summary: 'run the Kafka bridge (intake, projector, command workers, reconciler) until SIGTERM',
    load: async () => (await import('./bridge.ts')).bridgeCommand,
  },
  ops: {
    summary: 'operate the bridge: list | case | requeue | ignore | quarantine | prune',
    load: async () => (await import('./ops.ts')).opsCommand,
  },
  demo: {
    summary: 'publish normal, duplicate, early, late, ambiguous and poison events and show what happened',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
};
