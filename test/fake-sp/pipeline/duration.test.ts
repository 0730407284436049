import { describe, expect, it } from 'vitest';
import { humanDuration } from '../../../fake-sp/pipeline/duration.ts';

describe('humanDuration (issue 19: "10 years ago", not "326835252 s ago")', () => {
  it('reads as a person would say it, rounding down', () => {
    expect(humanDuration(45)).toBe('45 s');
    expect(humanDuration(119)).toBe('119 s');
    expect(humanDuration(120)).toBe('2 min');
    expect(humanDuration(3 * 3600)).toBe('3 h');
    expect(humanDuration(86400 * 3)).toBe('3 days');
    expect(humanDuration(86400 * 800)).toBe('2 years');
    // 2016-07-25T19:29:17.523Z to 2026-12-03T15:03:29Z, the corpus capture judged today.
    expect(humanDuration(326835252)).toBe('10 years');
  });
});
