// Secrets come only from the environment; every text that leaves the process passes through here.

export const REDACTED = '[REDACTED]';

/** Environment variables whose values are secrets wherever they appear. */
export const SECRET_ENV_VARS = ['AUTH0_MGMT_CLIENT_SECRET', 'AUTH0_CLIENT_SECRET', 'FLEX_SSO_PASSWORD'] as const;

// Shapes that carry a secret even when its value was never registered (tokens from the API, form bodies).
const PATTERNS: RegExp[] = [
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /("(?:client_secret|access_token|refresh_token|id_token|password|managementClientSecret)"\s*:\s*")[^"]*(")/gi,
  /(\b(?:client_secret|access_token|password)=)[^&\s"]+/gi,
];

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(values: Iterable<string | undefined> = []) {
    for (const value of values) this.add(value);
  }

  /** Registers a secret value; values shorter than 4 characters would redact ordinary text, so they are refused. */
  add(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    for (const pattern of PATTERNS) {
      out = out.replace(pattern, (_match: string, before: string, after?: string) => `${before}${REDACTED}${typeof after === 'string' ? after : ''}`);
    }
    return out;
  }

  /** Deep copy of a JSON-like value with every string redacted and secret-named keys blanked. */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value) ?? 'null')) as T;
  }
}

export function redactorFromEnv(env: NodeJS.ProcessEnv = process.env): Redactor {
  return new Redactor(SECRET_ENV_VARS.map((name) => env[name]));
}
