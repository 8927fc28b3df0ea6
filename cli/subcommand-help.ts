import { CliError } from './cli-error.ts';

/**
 * What a command with subcommands does when the subcommand is not one of its own: prints its help for
 * none, `--help` or `-h` (exit 2 when none was given, 0 when help was asked for), refuses anything else.
 */
export function helpOrUnknownSubcommand(sub: string | undefined, help: string): number {
  if (sub === undefined || sub === '--help' || sub === '-h') {
    process.stdout.write(help + '\n');
    return sub ? 0 : 2;
  }
  throw new CliError(`unknown subcommand "${sub}"\n${help}`, 2);
}
