import { describe, expect, it } from 'vitest';
import { FLEX_ATTRIBUTES, FLEX_ROLES, REQUIRED_FLEX_ATTRIBUTES, splitRoles, validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { didYouMean, levenshtein } from '../../../flex/did-you-mean.ts';
import { signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectFailure, expectOk, expectations } from './support.ts';

const withAttributes = (attributes: Record<string, string | string[]>) => validateXmlString(signedResponseXml({ attributes }), expectations(), NOW);
const BASE = { email: 'ana@example.com', full_name: 'Ana Agent' };

describe('flex check', () => {
  it('accepts email, full_name and valid roles, including wfo.* roles in a comma-separated value', () => {
    const v = withAttributes({
      ...BASE,
      roles: 'supervisor, wfo.team_leader',
      image_url: 'https://x/a.png',
      team_id: 'T1',
      team_name: 'RAMP',
      team_member: ['RAMP', 'OPS'],
    });
    expectOk(v, 'flex');
    expect(v.flex).toEqual({
      email: 'ana@example.com',
      full_name: 'Ana Agent',
      roles: ['supervisor', 'wfo.team_leader'],
      image_url: 'https://x/a.png',
      insights: { team_id: ['T1'], team_name: ['RAMP'], team_member: ['RAMP', 'OPS'] },
      other: {},
    });
    expect(v.warnings).toEqual([]);
  });

  it('reports missing roles like Twilio error 45050 with the app_metadata hint (FLEX_MISSING_REQUIRED)', () => {
    const c = expectFailure(withAttributes({ ...BASE }), 'flex', 'FLEX_MISSING_REQUIRED');
    expect(c.detail).toContain('Missing or invalid required attributes: roles');
    expect(c.detail).toContain('45050');
    expect(c.hint).toContain('app_metadata.flex.roles');
    expect(c.hint).toContain('not deployed or not bound');
  });

  it('treats roles that are only commas and blanks as missing', () => {
    expectFailure(withAttributes({ ...BASE, roles: ' , ' }), 'flex', 'FLEX_MISSING_REQUIRED');
  });

  it('explains that Flex ignores namespaced names when only the claim URI carries the email', () => {
    const v = withAttributes({ 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': 'ana@example.com', full_name: 'Ana', roles: 'agent' });
    const c = expectFailure(v, 'flex', 'FLEX_MISSING_REQUIRED');
    expect(c.actual).toBe('missing: email');
    expect(c.hint).toContain('Flex ignores namespaced names');
    expect(c.hint).toContain("api.samlResponse.setAttribute('email'");
  });

  it('suggests the exact name for a near miss (Email → email)', () => {
    const c = expectFailure(withAttributes({ Email: 'ana@example.com', full_name: 'Ana', roles: 'agent' }), 'flex', 'FLEX_MISSING_REQUIRED');
    expect(c.hint).toContain('did you mean `email`');
  });

  it('rejects the `superviser` typo with "did you mean `supervisor`?" (FLEX_UNKNOWN_ROLE)', () => {
    const c = expectFailure(withAttributes({ ...BASE, roles: ['agent', 'superviser'] }), 'flex', 'FLEX_UNKNOWN_ROLE');
    expect(c.actual).toBe('superviser');
    expect(c.detail).toContain('did you mean `supervisor`?');
    expect(c.hint).toContain('app_metadata.flex.roles');
  });

  it('rejects a role that is nothing like a Flex role, without a suggestion', () => {
    const c = expectFailure(withAttributes({ ...BASE, roles: 'janitor' }), 'flex', 'FLEX_UNKNOWN_ROLE');
    expect(c.detail).not.toContain('did you mean');
  });

  it('validates typed suffixes (FLEX_BAD_TYPED_VALUE) and accepts good ones', () => {
    expectOk(withAttributes({ ...BASE, roles: 'agent', 'level.int': '3', 'remote.boolean': 'true', 'skills.stringarray': ['a', 'b'] }), 'flex');
    expect(expectFailure(withAttributes({ ...BASE, roles: 'agent', 'level.int': '3.5' }), 'flex', 'FLEX_BAD_TYPED_VALUE').actual).toBe('"3.5"');
    expectFailure(withAttributes({ ...BASE, roles: 'agent', 'remote.boolean': 'yes' }), 'flex', 'FLEX_BAD_TYPED_VALUE');
  });

  it('notes that `team` drives no Flex feature without team_name, and that `program` drives none', () => {
    const v = withAttributes({ ...BASE, roles: 'agent', team: 'RAMP', program: 'RAMP' });
    expectOk(v, 'flex');
    expect(check(v, 'flex').warnings).toEqual([
      "Flex's Teams View filters on team_name; `team` is stored as a worker attribute but drives no Flex feature.",
      '`program` is stored as a worker attribute but drives no Flex feature.',
    ]);
    const withTeamName = withAttributes({ ...BASE, roles: 'agent', team: 'RAMP', team_name: 'RAMP' });
    expect(withTeamName.warnings.join(' ')).not.toContain('Teams View');
  });

  it('reports every problem at once, first code wins', () => {
    const c = expectFailure(withAttributes({ email: 'a@x.com', roles: 'superviser', 'n.int': 'x' }), 'flex', 'FLEX_MISSING_REQUIRED');
    expect(c.detail).toContain('full_name');
    expect(c.detail).toContain('superviser');
    expect(c.detail).toContain('n.int');
  });
});

describe('flex attribute table and helpers', () => {
  it('requires exactly email, full_name and roles', () => {
    expect(REQUIRED_FLEX_ATTRIBUTES).toEqual(['email', 'full_name', 'roles']);
    expect(FLEX_ATTRIBUTES.team.kind).toBe('harness');
    expect(FLEX_ATTRIBUTES.team_name.kind).toBe('insights');
    expect(FLEX_ATTRIBUTES.team_owner.kind).toBe('teams');
    expect(FLEX_ROLES).toContain('wfo.quality_process_manager');
  });
  it('splits roles on commas, trims and drops empties', () => {
    expect(splitRoles([' admin ,, agent', '', 'supervisor'])).toEqual(['admin', 'agent', 'supervisor']);
  });
  it('suggests within two edits only', () => {
    expect(levenshtein('superviser', 'supervisor')).toBe(1);
    expect(didYouMean('Supervisor', FLEX_ROLES)).toBe('supervisor');
    expect(didYouMean('agnet', FLEX_ROLES)).toBe('agent');
    expect(didYouMean('manager', FLEX_ROLES)).toBeUndefined();
  });
});
