// The one escaping function for human output.
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../harness/text/terminal-safe.ts';

describe('terminalSafe', () => {
  it('makes C0, DEL and C1 controls visible, with \\n \\r \\t by name', () => {
    expect(terminalSafe('a\u001b[32mb\r\nc\td\u0000e\u007ff\u009b31mg')).toBe('a\\u001b[32mb\\r\\nc\\td\\u0000e\\u007ff\\u009b31mg');
  });

  it('makes bidi overrides, isolates and marks and the Unicode line/paragraph separators visible', () => {
    expect(terminalSafe('admin\u202Enimda\u2066x\u2069\u200F\u061C\u2028\u2029')).toBe('admin\\u202enimda\\u2066x\\u2069\\u200f\\u061c\\u2028\\u2029');
  });

  it('keeps LF, and only LF, in multi-line text the harness built', () => {
    expect(terminalSafe('line 1\nline 2\r\n\u001b[2K', { multiline: true })).toBe('line 1\nline 2\\r\n\\u001b[2K');
  });

  it('leaves ordinary text alone: accents, CJK, emoji with ZWJ, backslashes', () => {
    const text = 'Anaïs Ågent 山田 👩‍💻 C:\\path "quoted"';
    expect(terminalSafe(text)).toBe(text);
  });
});
