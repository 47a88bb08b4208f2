import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../contract';
import { longest, minutes } from './planText';
import { daysSince } from './profile';

describe('figures the patient page shows', () => {
  it('writes durations in minutes: whole, or one decimal under ten', () => {
    expect([minutes(120), minutes(90), minutes(600), minutes(615), minutes(45)]).toEqual(['2', '1.5', '10', '10', '0.8']);
  });

  it('adds up the longest a timeline can take', () => {
    const row = (maxSeconds: number) => ({ maxSeconds }) as TimelineRow;
    expect(longest([row(120), row(480), row(600)])).toBe(1200);
    expect(longest([])).toBe(0);
  });

  it('counts whole days of abstinence in the calendar, never below zero', () => {
    expect(daysSince('2026-09-15', new Date(2026, 11, 1, 23, 30))).toBe(77);
    expect(daysSince('2026-03-28', new Date(2026, 2, 30, 0, 5))).toBe(2); // across a daylight-saving change
    expect(daysSince('2027-01-01', new Date(2026, 11, 1))).toBe(0);
  });
});
