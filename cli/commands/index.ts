export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

import { stackCommand } from './stack.ts';
import { dbCommand } from './db.ts';
import { lintCommand } from './lint.ts';
import { contractsCommand } from './contracts.ts';
import { deployCommand } from './deploy.ts';
import { configCommand } from './config.ts';
import { workersCommand } from './workers.ts';
import { bridgeCommand } from './bridge.ts';
import { opsCommand } from './ops.ts';
import { runCommand } from './run.ts';
import { demoCommand } from './demo.ts';

/** Every `seam` subcommand, one module each. */
export const commands: Record<string, Command> = {
  run: runCommand,
  stack: stackCommand,
  db: dbCommand,
  lint: lintCommand,
  contracts: contractsCommand,
  deploy: deployCommand,
  config: configCommand,
  workers: workersCommand,
  bridge: bridgeCommand,
  ops: opsCommand,
  demo: demoCommand,
};
