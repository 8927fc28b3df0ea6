import { commands } from './commands/index.ts';
import { CliError } from './cli-error.ts';

const usage = (): string =>
  [
    'usage: seam <command> [subcommand] [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    "Run `seam <command> --help` for a command's options.",
  ].join('\n');

/** Runs one `seam` command line and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    process.stderr.write(`seam: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`seam ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
