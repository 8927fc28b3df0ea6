export interface Command {
  summary: string;
  run(args: string[]): Promise<number>;
}

import { stackCommand } from './stack.ts';
import { dbCommand } from './db.ts';
import { lintCommand } from './lint.ts';
import { contractsCommand } from './contracts.ts';
import { configCommand } from './config.ts';
import { workersCommand } from './workers.ts';

/** Every `seam` subcommand, one module each. */
export const commands: Record<string, Command> = {
  stack: stackCommand,
  db: dbCommand,
  lint: lintCommand,
  contracts: contractsCommand,
  config: configCommand,
  workers: workersCommand,
};
