// A time distance as a person reads it in a check's detail ("10 years ago", not "326835252 s ago"):
// a captured response is often judged long after it was issued, and the size of the gap is the clue.
// Exact timestamps stay in the check's expected/actual.

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;

/** Whole units, rounded down, switching unit at twice the next one (119 s, 2 min, 119 min, 2 h…). */
export function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const unit = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  if (s < 2 * MINUTE) return `${s} s`;
  if (s < 2 * HOUR) return unit(Math.floor(s / MINUTE), 'min', 'min');
  if (s < 2 * DAY) return unit(Math.floor(s / HOUR), 'h', 'h');
  if (s < 2 * YEAR) return unit(Math.floor(s / DAY), 'day');
  return unit(Math.floor(s / YEAR), 'year');
}
