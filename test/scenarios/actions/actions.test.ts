// The three shipped Actions, run in the real runner against the seeds' user shapes.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPostLoginEvent, type PostLoginEvent, type UserLike } from '../../../fake-idp/actions/event.ts';
import { ActionRunner } from '../../../fake-idp/actions/runner.ts';

const runner = new ActionRunner({ poolSize: 2, timeoutMs: 5_000 });
afterAll(() => runner.close());

type ActionName = 'pattern-a' | 'pattern-b' | 'twilio-reference';
const code = (name: ActionName) => readFileSync(new URL(`../../../scenarios/actions/${name}.js`, import.meta.url), 'utf8');

function eventFor(user: Partial<UserLike>, patch: Partial<PostLoginEvent['user']> = {}): PostLoginEvent {
  const event = buildPostLoginEvent({
    user: { email: 'jane.doe@example.com', name: 'Jane Doe', ...user },
    client: { client_id: 'c', name: 'Flex' },
    request: { ip: '127.0.0.1', hostname: 'tenant.local' },
    tenantId: 't',
    now: new Date('2026-03-01T12:00:00Z'),
  });
  Object.assign(event.user, patch);
  return event;
}

async function run(name: ActionName, event: PostLoginEvent) {
  return runner.run([{ id: name, name, code: code(name), secrets: {} }], event);
}

// The seeds' metadata shapes (auth0-configuration-reference "Common Metadata Patterns").
const ADMIN = { flex: { roles: ['admin'] } };
const SUPERVISOR = { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'RAMP' };
const AGENT = { flex: { roles: ['agent'], team: 'RAMP' }, program: 'RAMP' };
const MULTI = { flex: { roles: ['supervisor', 'agent'], team: 'RAMP' }, program: 'RAMP' };

describe('Pattern A (multi-program)', () => {
  it.each([
    ['admin (no team: sees all teams)', ADMIN, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'admin' }],
    ['supervisor', SUPERVISOR, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'supervisor', team: 'RAMP', program: 'RAMP' }],
    ['agent', AGENT, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'agent', team: 'RAMP', program: 'RAMP' }],
    ['multi-role', MULTI, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'supervisor,agent', team: 'RAMP', program: 'RAMP' }],
    ['no flex metadata at all', {}, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'agent' }],
    ['flex without roles', { flex: { team: 'RAMP' } }, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'agent', team: 'RAMP' }],
    [
      'program without team',
      { flex: { roles: ['agent'] }, program: 'CORE' },
      { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: 'agent', program: 'CORE' },
    ],
    ['an empty roles list (joined to an empty string)', { flex: { roles: [] } }, { email: 'jane.doe@example.com', full_name: 'Jane Doe', roles: '' }],
  ])('%s', async (_label, app_metadata, expected) => {
    const outcome = await run('pattern-a', eventFor({ app_metadata }));
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual(expected);
  });

  it('emits attributes in the order email, full_name, roles, team, program', async () => {
    const outcome = await run('pattern-a', eventFor({ app_metadata: MULTI }));
    expect(Object.keys(outcome.saml.attributes)).toEqual(['email', 'full_name', 'roles', 'team', 'program']);
  });
});

describe.each(['pattern-a', 'pattern-b'] as const)('%s full_name', (name) => {
  it('uses name first', async () => {
    expect((await run(name, eventFor({ app_metadata: AGENT }))).saml.attributes.full_name).toBe('Jane Doe');
  });

  it('gets the email when the user has no name, because Auth0 defaults name to the email', async () => {
    const outcome = await run(name, eventFor({ name: undefined, given_name: 'Jane', family_name: 'Doe', app_metadata: AGENT }));
    expect(outcome.saml.attributes.full_name).toBe('jane.doe@example.com');
  });

  it('falls back to given + family name when name is empty', async () => {
    const outcome = await run(name, eventFor({ given_name: 'Jane', family_name: 'Doe', app_metadata: AGENT }, { name: '' }));
    expect(outcome.saml.attributes.full_name).toBe('Jane Doe');
  });

  it('uses only the part that exists', async () => {
    const outcome = await run(name, eventFor({ family_name: 'Doe', app_metadata: AGENT }, { name: '' }));
    expect(outcome.saml.attributes.full_name).toBe('Doe');
  });

  it("falls back to the email's local part when there is no name at all", async () => {
    const outcome = await run(name, eventFor({ app_metadata: AGENT }, { name: '' }));
    expect(outcome.saml.attributes.full_name).toBe('jane.doe');
  });
});

describe('Pattern B (isolated organisation)', () => {
  it.each([
    ['admin', ADMIN, 'admin'],
    ['supervisor', SUPERVISOR, 'supervisor'],
    ['agent', AGENT, 'agent'],
    ['multi-role', MULTI, 'supervisor,agent'],
    ['missing roles', {}, 'agent'],
  ])('%s: email, full_name and roles only (team and program ignored)', async (_label, app_metadata, roles) => {
    const outcome = await run('pattern-b', eventFor({ app_metadata }));
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ email: 'jane.doe@example.com', full_name: 'Jane Doe', roles });
  });
});

describe("Twilio's reference Action", () => {
  it.each([
    ['admin', ADMIN, ['admin']],
    ['supervisor', SUPERVISOR, ['supervisor']],
    ['agent', AGENT, ['agent']],
    ['multi-role', MULTI, ['supervisor', 'agent']],
  ])('%s: roles as an array (one AttributeValue each), image_url from picture', async (_label, app_metadata, roles) => {
    const outcome = await run('twilio-reference', eventFor({ app_metadata, picture: 'https://cdn.example.com/jane.png' }));
    expect(outcome.ok).toBe(true);
    expect(outcome.saml.attributes).toEqual({ email: 'jane.doe@example.com', full_name: 'Jane Doe', image_url: 'https://cdn.example.com/jane.png', roles });
  });

  it('throws when app_metadata.flex is missing, so the login fails', async () => {
    const outcome = await run('twilio-reference', eventFor({ app_metadata: { program: 'RAMP' } }));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({
      kind: 'throw',
      action: 'twilio-reference',
      message: "TypeError: Cannot read properties of undefined (reading 'roles')",
    });
    expect(outcome.error?.line).toBeGreaterThan(1);
  });

  it('sends no roles when flex has none (Flex then rejects the login for a missing roles attribute)', async () => {
    const outcome = await run('twilio-reference', eventFor({ app_metadata: { flex: {} } }));
    expect(outcome.ok).toBe(true);
    // setAttribute('roles', undefined) removes the claim, like null (post-login API docs).
    expect(outcome.saml.attributes.roles).toBeNull();
  });

  it('removes full_name and image_url (null) when the profile has none', async () => {
    const outcome = await run('twilio-reference', eventFor({ app_metadata: ADMIN }, { name: '', picture: '' }));
    expect(outcome.saml.attributes).toEqual({ email: 'jane.doe@example.com', full_name: null, image_url: null, roles: ['admin'] });
  });

  it('ignores team and program', async () => {
    const outcome = await run('twilio-reference', eventFor({ app_metadata: SUPERVISOR }));
    expect(Object.keys(outcome.saml.attributes)).toEqual(['email', 'full_name', 'image_url', 'roles']);
  });
});
