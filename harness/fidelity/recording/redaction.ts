// Everything a recording writes passes through here: the tenant's identifiers become placeholders
// (format.ts PLACEHOLDERS; the replay maps its own identifiers to the same ones, so both sides still
// compare), and every secret the harness knows becomes [REDACTED] (harness/secrets: the Management
// API client secret, FLEX_SSO_PASSWORD, the generated passwords of the run's users, token shapes).
// E-mail addresses of the harness's users stay: they are test data at auth0.testUserDomain, already
// in the scenario files, and the normalised response and log fields hold none of them anyway.
import { Redactor } from '../../secrets/redact.ts';
import { PLACEHOLDERS } from './format.ts';

export interface Identifiers {
  domain: string;
  samlClientId: string;
  managementClientId?: string;
}

export class RecordingRedaction {
  private readonly replacements: [string, string][];

  constructor(
    ids: Identifiers,
    readonly redactor: Redactor,
  ) {
    const pairs: [string | undefined, string][] = [
      [ids.domain, PLACEHOLDERS.domain],
      [ids.samlClientId, PLACEHOLDERS.samlClientId],
      [ids.managementClientId, PLACEHOLDERS.managementClientId],
    ];
    // Longest first, so an identifier containing another is replaced whole; short ones would hit ordinary text.
    this.replacements = pairs.filter((p): p is [string, string] => p[0] !== undefined && p[0].length >= 4).sort((a, b) => b[0].length - a[0].length);
  }

  apply(text: string): string {
    let out = text;
    for (const [value, placeholder] of this.replacements) out = out.split(value).join(placeholder);
    return this.redactor.redact(out);
  }

  /** A JSON-like value with every string redacted (keys included). */
  applyValue<T>(value: T): T {
    return JSON.parse(this.apply(JSON.stringify(value) ?? 'null')) as T;
  }
}
