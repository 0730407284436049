// The one escaping function for human output (terminal, console matrix, JUnit text). Values printed
// there come from SAML responses, tenants and scenario files, so they are hostile until escaped: an
// ESC sequence can print a fake green "Verdict: VALID", a CR or LF a fake line, a bidi override can
// reorder what is shown (Trojan Source, CVE-2021-42574). JSON output never goes through here: it
// stays exact, and JSON.stringify already escapes what a JSON reader needs.
//
// Escaped: C0 controls (U+0000–U+001F), DEL, C1 controls (U+0080–U+009F, where U+009B is a CSI), the
// bidi embedding/override/isolate marks and U+061C, U+200E, U+200F, and the Unicode line and paragraph
// separators U+2028/U+2029. Each becomes a visible escape (`\n`, `\r`, `\t`, else `\u001b`).
// Backslashes are left alone: the output is for reading, not for parsing back.

// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex -- same set, without LF, for text whose lines are ours
const UNSAFE_KEEP_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * `value` made safe to print. `multiline: true` keeps LF, for text that is already a block of lines
 * the harness built (a CLI error listing several problems); values themselves are escaped whole.
 */
export function terminalSafe(value: string, options: { multiline?: boolean } = {}): string {
  return value.replace(options.multiline === true ? UNSAFE_KEEP_LF : UNSAFE, escape);
}
