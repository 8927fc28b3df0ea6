import type { CommandRow, TypedVariables } from '../../ledger/commands/command-row.ts';

/**
 * The variables a command sends: the mapping's payload variables plus the source event id, which is how
 * the reconciler later recognises in the engine's history whether this event was applied.
 * `seamStartEventId` is set only by starts, so later correlations never overwrite it.
 */
export function commandVariables(command: CommandRow, extra: TypedVariables = {}): TypedVariables {
  return {
    ...command.variables,
    ...extra,
    seamSourceEventId: { value: command.source_event_id, type: 'String' },
  };
}

export const startVariables = (command: CommandRow, extra: TypedVariables = {}): TypedVariables =>
  commandVariables(command, { ...extra, seamStartEventId: { value: command.source_event_id, type: 'String' } });
