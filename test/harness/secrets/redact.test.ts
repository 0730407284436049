import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor, redactorFromEnv } from '../../../harness/secrets/redact.ts';

describe('Redactor', () => {
  it('replaces every registered secret, longest first', () => {
    const redactor = new Redactor(['abcd1234', 'abcd1234-extended']);
    expect(redactor.redact('a=abcd1234-extended b=abcd1234')).toBe(`a=${REDACTED} b=${REDACTED}`);
  });

  it('blanks tokens and secrets by shape even when never registered', () => {
    const redactor = new Redactor();
    expect(redactor.redact('Authorization: Bearer eyJhbGciOi.payload.sig')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactor.redact('{"client_secret":"xyz","client_id":"abc"}')).toBe(`{"client_secret":"${REDACTED}","client_id":"abc"}`);
    expect(redactor.redact('grant_type=client_credentials&client_secret=xyz&x=1')).toBe(`grant_type=client_credentials&client_secret=${REDACTED}&x=1`);
  });

  it('leaves ordinary text alone and refuses too-short secrets', () => {
    const redactor = new Redactor(['ab']);
    expect(redactor.redact('about a tab')).toBe('about a tab');
  });

  it('redacts nested values', () => {
    const redactor = new Redactor(['topsecret']);
    expect(redactor.redactValue({ a: ['x topsecret y'], b: { c: 'topsecret' } })).toEqual({ a: [`x ${REDACTED} y`], b: { c: REDACTED } });
  });

  it('takes the management secret from the environment', () => {
    expect(redactorFromEnv({ AUTH0_MGMT_CLIENT_SECRET: 'env-secret-1' }).redact('secret env-secret-1')).toBe(`secret ${REDACTED}`);
  });
});
