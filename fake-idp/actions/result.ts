// Turns the JSON a sandboxed Action run reports into a typed result. The JSON was produced inside
// the sandbox, where the Action could have tampered with built-ins, so every field is re-checked.
import { readCacheWrites, type CacheWrite } from './action-cache.ts';
import type { ActionErrorKind, SamlOverrides } from './runner.ts';

export type ActionResult =
  | {
      kind: 'ok';
      attributes: [string, unknown][];
      overrides: SamlOverrides;
      app: [string, unknown][];
      user: [string, unknown][];
      /** api.cache writes in call order (null value = deleted). */
      cache: CacheWrite[];
      denied?: string;
      multifactor?: string;
    }
  | { kind: 'error'; error: { kind: ActionErrorKind; message: string; line?: number; column?: number } };

const MAX_RESULT_CHARS = 1_000_000;

const OVERRIDE_TYPES: Record<keyof SamlOverrides, 'string' | 'number' | 'boolean' | 'string[]'> = {
  audience: 'string',
  recipient: 'string',
  destination: 'string',
  issuer: 'string',
  lifetimeInSeconds: 'number',
  signResponse: 'boolean',
  nameIdentifierFormat: 'string',
  nameIdentifierProbes: 'string[]',
  createUpnClaim: 'boolean',
  passthroughClaimsWithNoMapping: 'boolean',
  mapUnknownClaimsAsIs: 'boolean',
  mapIdentities: 'boolean',
  signatureAlgorithm: 'string',
  digestAlgorithm: 'string',
  typedAttributes: 'boolean',
  includeAttributeNameFormat: 'boolean',
  authnContextClassRef: 'string',
  signingCert: 'string',
  encryptionCert: 'string',
  encryptionPublicKey: 'string',
  relayState: 'string',
  cert: 'string',
  key: 'string',
  encryptionAlgorithm: 'string',
};

const invalid = (message: string): ActionResult => ({ kind: 'error', error: { kind: 'throw', message: `emulator: ${message}` } });

/** `headLength`: characters the CommonJS wrapper adds before line 1 of the Action's code. */
export function parseWorkerResult(json: string, headLength: number): ActionResult {
  if (json.length > MAX_RESULT_CHARS) return invalid(`the Action's result is larger than ${MAX_RESULT_CHARS} characters`);
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return invalid('the Action returned an unreadable result');
  }
  if (!isRecord(body)) return invalid('the Action returned an unreadable result');
  const error = isRecord(body.error) ? body.error : undefined;
  const where = locateInAction(typeof error?.stack === 'string' ? error.stack : '', headLength);
  if (typeof body.apiError === 'string') return { kind: 'error', error: { kind: 'invalid-api-use', message: body.apiError, ...where } };
  if (body.status === 'missing-handler') {
    return {
      kind: 'error',
      error: {
        kind: 'missing-handler',
        message: 'The Action does not export onExecutePostLogin; expected `exports.onExecutePostLogin = async (event, api) => { … }`',
      },
    };
  }
  if (body.status !== 'ok') {
    const message = typeof error?.message === 'string' ? error.message : 'the Action failed';
    return { kind: 'error', error: { kind: 'throw', message, ...where } };
  }
  const attributes = pairs(body.attributes, isAttributeValue);
  const app = pairs(body.app, () => true);
  const user = pairs(body.user, () => true);
  const overrides = readOverrides(body.overrides);
  const cache = readCacheWrites(body.cache);
  if (!attributes || !app || !user || !overrides || !cache) return invalid('the Action returned a malformed result');
  const result: ActionResult = { kind: 'ok', attributes, overrides, app, user, cache };
  if (typeof body.denied === 'string') result.denied = body.denied;
  if (typeof body.multifactor === 'string') result.multifactor = body.multifactor.slice(0, 64);
  return result;
}

/** Line and column of the first stack frame inside the Action (`action.js:L:C`), 1-based. */
export function locateInAction(stack: string, headLength: number): { line?: number; column?: number } {
  const match = /action\.js:(\d+):(\d+)/.exec(stack);
  if (!match) return {};
  const line = Number(match[1]);
  const column = Number(match[2]);
  return { line, column: line === 1 ? Math.max(1, column - headLength) : column };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** A value the sandbox kept as node-saml's text and type (an object → `[object Object]`, NaN). */
function isTypedText(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 2 && (value.$saml === 'xs:anyType' || value.$saml === 'xs:double') && typeof value.text === 'string';
}

/** null removes; a scalar or an array of scalars, nulls (written `null`) and typed texts sets. */
function isAttributeValue(value: unknown): boolean {
  const element = (v: unknown): boolean => v === null || isScalar(v) || isTypedText(v);
  return value === null || isScalar(value) || isTypedText(value) || (Array.isArray(value) && value.every(element));
}

function pairs(value: unknown, valid: (v: unknown) => boolean): [string, unknown][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: [string, unknown][] = [];
  for (const entry of value) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !valid(entry[1])) return undefined;
    out.push([entry[0], entry[1]]);
  }
  return out;
}

function readOverrides(value: unknown): SamlOverrides | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const type = OVERRIDE_TYPES[key as keyof SamlOverrides];
    if (!type) return undefined;
    const ok = type === 'string[]' ? Array.isArray(v) && v.every((x) => typeof x === 'string') : typeof v === type;
    if (!ok) return undefined;
    out[key] = v;
  }
  return out as SamlOverrides;
}
