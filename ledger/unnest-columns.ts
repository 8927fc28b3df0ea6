/**
 * A batched statement reads its rows from `unnest($1::…[], $2::…[], …)`: one array parameter per column.
 * This turns rows into those arrays, one picker per column, in parameter order.
 */
export const unnestColumns = <T>(rows: readonly T[], ...columns: ((row: T) => unknown)[]): unknown[][] => columns.map((pick) => rows.map(pick));
