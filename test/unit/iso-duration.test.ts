import { describe, expect, it } from 'vitest';
import { addIsoDuration, deadlineFrom } from '../../platform/time/iso-duration.ts';

const from = new Date('2026-01-31T10:00:00Z');

describe('ISO 8601 durations for shadow deadlines', () => {
  it('adds days, weeks, hours, minutes and fractional seconds', () => {
    expect(addIsoDuration(from, 'P10D')?.toISOString()).toBe('2026-02-10T10:00:00.000Z');
    expect(addIsoDuration(from, 'P1W')?.toISOString()).toBe('2026-02-07T10:00:00.000Z');
    expect(addIsoDuration(from, 'PT1H30M')?.toISOString()).toBe('2026-01-31T11:30:00.000Z');
    expect(addIsoDuration(from, 'PT0.5S')?.toISOString()).toBe('2026-01-31T10:00:00.500Z');
    expect(addIsoDuration(from, 'P1DT2H')?.toISOString()).toBe('2026-02-01T12:00:00.000Z');
  });

  it('counts months on the calendar', () => {
    expect(addIsoDuration(new Date('2026-01-15T00:00:00Z'), 'P1M')?.toISOString()).toBe('2026-02-15T00:00:00.000Z');
  });

  it('refuses what is not a duration', () => {
    for (const bad of ['P', 'PT', '10 days', 'P1DT', 'R3/P1D', '']) expect(addIsoDuration(from, bad)).toBeUndefined();
  });

  it('reads a deadline variable as a duration from now or as a date-time', () => {
    expect(deadlineFrom('P2D', from)?.toISOString()).toBe('2026-02-02T10:00:00.000Z');
    expect(deadlineFrom('2026-03-01T00:00:00Z', from)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(deadlineFrom('soon', from)).toBeUndefined();
    expect(deadlineFrom(42, from)).toBeUndefined();
  });
});
