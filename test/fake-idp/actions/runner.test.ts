import { afterAll, describe, expect, it } from 'vitest';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';
import { action, eventFor, NOW, rawAction } from './helpers.ts';

const runner = new ActionRunner({ poolSize: 2, timeoutMs: 5_000, now: () => NOW });
afterAll(() => runner.close());

describe('ActionRunner: api.samlResponse', () => {
  it('records setAttribute values as given, in insertion order, with null meaning removed', async () => {
    const outcome = await runner.run(
      [
        action(
          'attrs',
          `
      api.samlResponse.setAttribute('email', event.user.email);
      api.samlResponse.setAttribute('roles', ['admin', 'agent']);
      api.samlResponse.setAttribute('logins', 3);
      api.samlResponse.setAttribute('vip', true);
      api.samlResponse.setAttribute('picture', null);
      api.samlResponse.setAttribute('email', 'second@example.com');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.error).toBeUndefined();
    expect(Object.entries(outcome.saml.attributes)).toEqual([
      ['email', 'second@example.com'],
      ['roles', ['admin', 'agent']],
      ['logins', 3],
      ['vip', true],
      ['picture', null],
    ]);
  });

  it('copies an array when it is set, so later mutation by the Action does not leak in', async () => {
    const outcome = await runner.run([action('copy', `const r = ['agent']; api.samlResponse.setAttribute('roles', r); r.push('admin');`)], eventFor());
    expect(outcome.saml.attributes.roles).toEqual(['agent']);
  });

  it('maps every documented set* setter to an override', async () => {
    const outcome = await runner.run(
      [
        action(
          'setters',
          `
      const s = api.samlResponse;
      s.setAudience('urn:flex:JQ1'); s.setRecipient('https://r'); s.setDestination('https://d'); s.setIssuer('urn:i');
      s.setLifetimeInSeconds(600); s.setSignResponse(true); s.setNameIdentifierFormat('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
      s.setNameIdentifierProbes(['email']); s.setCreateUpnClaim(false); s.setPassthroughClaimsWithNoMapping(false);
      s.setMapUnknownClaimsAsIs(true); s.setMapIdentities(false); s.setSignatureAlgorithm('rsa-sha1'); s.setDigestAlgorithm('sha1');
      s.setTypedAttributes(false); s.setIncludeAttributeNameFormat(false); s.setAuthnContextClassRef('urn:ctx');
      s.setSigningCert('SIGN'); s.setEncryptionCert('ENC'); s.setEncryptionPublicKey('PUB'); s.setRelayState('rs');
      s.setCert('CERT'); s.setKey('KEY'); s.setEncryptionAlgorithm('aes256-gcm');`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.overrides).toEqual({
      audience: 'urn:flex:JQ1',
      recipient: 'https://r',
      destination: 'https://d',
      issuer: 'urn:i',
      lifetimeInSeconds: 600,
      signResponse: true,
      nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      nameIdentifierProbes: ['email'],
      createUpnClaim: false,
      passthroughClaimsWithNoMapping: false,
      mapUnknownClaimsAsIs: true,
      mapIdentities: false,
      signatureAlgorithm: 'rsa-sha1',
      digestAlgorithm: 'sha1',
      typedAttributes: false,
      includeAttributeNameFormat: false,
      authnContextClassRef: 'urn:ctx',
      signingCert: 'SIGN',
      encryptionCert: 'ENC',
      encryptionPublicKey: 'PUB',
      relayState: 'rs',
      cert: 'CERT',
      key: 'KEY',
      encryptionAlgorithm: 'aes256-gcm',
    });
  });

  it('setEncryptionAlgorithm allows what the post-login API docs list (aes256-gcm) and refuses anything else', async () => {
    const outcome = await runner.run([action('names', `api.samlResponse.setEncryptionAlgorithm('des-cbc');`)], eventFor());
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toContain('setEncryptionAlgorithm: expected aes256-gcm');
  });

  it('writes values as node-saml does (saml20.js): undefined elements skipped, null elements kept, objects as [object Object], NaN as xs:double', async () => {
    const outcome = await runner.run(
      [
        action(
          'edges',
          `
      api.samlResponse.setAttribute('roles', ['agent', undefined, null, 'admin']);
      api.samlResponse.setAttribute('obj', { admin: true });
      api.samlResponse.setAttribute('list', [{}, ['a', 'b']]);
      api.samlResponse.setAttribute('nan', Number.NaN);
      api.samlResponse.setAttribute('custom', { toString() { return 'custom text'; } });`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({
      roles: ['agent', null, 'admin'],
      obj: { $saml: 'xs:anyType', text: '[object Object]' },
      list: [
        { $saml: 'xs:anyType', text: '[object Object]' },
        { $saml: 'xs:anyType', text: 'a,b' },
      ],
      nan: { $saml: 'xs:double', text: 'NaN' },
      custom: { $saml: 'xs:anyType', text: 'custom text' },
    });
  });

  it.each([
    ['a Symbol attribute value (no text form)', `api.samlResponse.setAttribute('roles', Symbol('x'));`, "setAttribute('roles')"],
    ['an empty attribute name', `api.samlResponse.setAttribute('', 'x');`, 'name must be a non-empty string'],
    ['a wrong setter type', `api.samlResponse.setSignResponse('yes');`, 'setSignResponse: expected boolean'],
    ['an unknown algorithm', `api.samlResponse.setSignatureAlgorithm('rsa-md5');`, 'setSignatureAlgorithm'],
    ['a redirect', `api.redirect.sendUserTo('https://example.com');`, 'redirects are not supported'],
  ])('rejects %s as invalid-api-use, even when the Action catches the error', async (_label, call, message) => {
    const outcome = await runner.run([action('misuse', `try { ${call} } catch { /* swallowed */ }`)], eventFor());
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ kind: 'invalid-api-use', action: 'misuse' });
    expect(outcome.error?.message).toContain(message);
  });

  it('setAttribute(name, undefined) removes the claim like null (post-login API docs: "null or undefined will remove the claim")', async () => {
    const outcome = await runner.run(
      [
        action(
          'undef',
          `
      api.samlResponse.setAttribute('team', 'RAMP');
      api.samlResponse.setAttribute('team', event.user.app_metadata.flex.team);`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ team: null });
  });
});

describe('ActionRunner: deny, throw, handler', () => {
  it('reports api.access.deny with its reason and stops the chain', async () => {
    const outcome = await runner.run(
      [action('gate', `api.access.deny('not a Flex user');`), action('after', `api.samlResponse.setAttribute('email', 'x@example.com');`)],
      eventFor(),
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.denied).toEqual({ reason: 'not a Flex user', action: 'gate' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.saml.attributes.email).toBeUndefined();
  });

  it('reports a thrown error with its message and the line and column in the Action', async () => {
    const outcome = await runner.run([action('thrower', `  const x = 1;\n    throw new Error('boom ' + x);`)], eventFor());
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toEqual({ kind: 'throw', message: 'Error: boom 1', action: 'thrower', line: 3, column: 11 });
  });

  it('reports a thrown non-Error value', async () => {
    const outcome = await runner.run([action('str', `throw 'plain string';`)], eventFor());
    expect(outcome.error).toMatchObject({ kind: 'throw', message: 'Uncaught plain string' });
  });

  it('reports a syntax error with line and column without running anything', async () => {
    const outcome = await runner.run([rawAction('broken', 'exports.onExecutePostLogin = async (event, api) => {\n  let y = ;\n};')], eventFor());
    expect(outcome.error).toEqual({ kind: 'syntax', message: "SyntaxError: Unexpected token ';'", action: 'broken', line: 2, column: 11 });
  });

  it('reports a module without onExecutePostLogin as missing-handler', async () => {
    const outcome = await runner.run([rawAction('nohandler', 'exports.onExecutePreUserRegistration = async () => {};')], eventFor());
    expect(outcome.error).toMatchObject({ kind: 'missing-handler', action: 'nohandler' });
  });

  it('accepts module.exports, a synchronous handler and a top-level return, as CommonJS does', async () => {
    const outcome = await runner.run(
      [
        rawAction(
          'cjs',
          "module.exports = { onExecutePostLogin(event, api) { api.samlResponse.setAttribute('a', '1'); } };\nreturn;\nthrow new Error('unreachable');",
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ a: '1' });
  });
});

describe('ActionRunner: event, console, metadata, chain', () => {
  it('captures console output with level, Action name and the frozen clock', async () => {
    const outcome = await runner.run(
      [action('chatty', `console.log('user', event.user.email, { n: 1 }); console.warn('careful'); console.error(new Error('bad'));`)],
      eventFor(),
    );
    expect(outcome.logs.map(({ level, message, action: name, at }) => ({ level, message: message.split('\n')[0], name, at }))).toEqual([
      { level: 'log', message: 'user jane@example.com {"n":1}', name: 'chatty', at: NOW.toISOString() },
      { level: 'warn', message: 'careful', name: 'chatty', at: NOW.toISOString() },
      { level: 'error', message: 'Error: bad', name: 'chatty', at: NOW.toISOString() },
    ]);
  });

  it('redacts secret values from console output', async () => {
    const outcome = await runner.run([action('leaky', `console.log('token=' + event.secrets.API_TOKEN);`, { API_TOKEN: 's3cr3t-value' })], eventFor());
    expect(outcome.logs.map((log) => log.message)).toEqual(['token=[secret API_TOKEN]']);
  });

  it('caps console output: 200 lines per Action, 4096 characters per line', async () => {
    const outcome = await runner.run([action('flood', `for (let i = 0; i < 300; i++) console.log(i); console.info('x'.repeat(10000));`)], eventFor());
    expect(outcome.ok).toBe(true);
    expect(outcome.logs).toHaveLength(200);
    expect(outcome.logs[199]?.message).toContain('log limit of 200 lines reached');
    const long = await runner.run([action('long', `console.info('x'.repeat(10000));`)], eventFor());
    expect(long.logs[0]?.message).toHaveLength(4096 + '… (truncated)'.length);
  });

  it('gives each Action its own secrets and the samlp transaction', async () => {
    const outcome = await runner.run(
      [
        action('one', `api.samlResponse.setAttribute('one', event.secrets.KEY + ':' + event.transaction.protocol);`, { KEY: 'first' }),
        action('two', `api.samlResponse.setAttribute('two', String(event.secrets.KEY));`, {}),
      ],
      eventFor(),
    );
    expect(outcome.saml.attributes).toEqual({ one: 'first:samlp', two: 'undefined' });
  });

  it('runs Actions in order; later ones see earlier metadata updates; null deletes', async () => {
    const outcome = await runner.run(
      [
        action(
          'first',
          `api.user.setAppMetadata('program', 'RAMP'); api.user.setUserMetadata('theme', 'dark'); api.user.setAppMetadata('flex', null);
        api.samlResponse.setAttribute('order', 'first');`,
        ),
        action(
          'second',
          `api.samlResponse.setAttribute('order', 'second');
        api.samlResponse.setAttribute('seen', [String(event.user.app_metadata.program), String(event.user.user_metadata.theme), String(event.user.app_metadata.flex)]);`,
        ),
      ],
      eventFor({ app_metadata: { flex: { roles: ['agent'] } } }),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ order: 'second', seen: ['RAMP', 'dark', 'undefined'] });
    expect(outcome.appMetadataUpdates).toEqual({ program: 'RAMP', flex: null });
    expect(outcome.userMetadataUpdates).toEqual({ theme: 'dark' });
  });

  it('rejects a metadata value that is not JSON', async () => {
    const outcome = await runner.run([action('meta', `api.user.setAppMetadata('f', () => 1);`)], eventFor());
    expect(outcome.error).toMatchObject({ kind: 'invalid-api-use' });
  });

  it("does not change the caller's event", async () => {
    const event = eventFor();
    await runner.run([action('mutate', `event.user.email = 'evil@example.com'; api.user.setAppMetadata('x', 1);`)], event);
    expect(event.user.email).toBe('jane@example.com');
    expect(event.user.app_metadata).toEqual({ flex: { roles: ['agent'] } });
  });

  it('supports setTimeout, clearTimeout, the cache and no-op recorders', async () => {
    const outcome = await runner.run(
      [
        action(
          'async',
          `
      const t = setTimeout(() => api.samlResponse.setAttribute('cleared', 'fired'), 5); clearTimeout(t);
      await new Promise((resolve) => setTimeout(resolve, 5));
      api.cache.set('k', 'v'); api.idToken.setCustomClaim('c', 1); api.accessToken.setCustomClaim('c', 1);
      api.multifactor.enable('any');
      api.samlResponse.setAttribute('cache', api.cache.get('k').value);`,
        ),
      ],
      eventFor(),
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ cache: 'v' });
    expect(outcome.multifactor).toEqual({ provider: 'any', action: expect.any(String) });
  });

  it('returns an ok outcome with nothing set for an empty chain', async () => {
    const outcome = await runner.run([], eventFor());
    expect(outcome).toMatchObject({ ok: true, saml: { attributes: {}, overrides: {} }, logs: [] });
  });
});
