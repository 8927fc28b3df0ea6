import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { CliError } from './cli-error.ts';

/** The configuration, or a CLI error listing every bad variable. */
export function loadConfigOrFail(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, 2);
    throw err;
  }
}
