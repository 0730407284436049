// Issue 18 item 1: Flex's role rule and Insights findings, as Twilio documents them.
import { describe, expect, it } from 'vitest';
import { FLEX_ATTRIBUTES, validateXmlString } from '../../../fake-sp/pipeline/index.ts';
import { signedResponseXml } from '../../helpers/saml-signer.ts';
import { NOW, check, expectAllOk, expectFailure, expectations } from './support.ts';

const withAttributes = (attributes: Record<string, string | string[]>) => validateXmlString(signedResponseXml({ attributes }), expectations(), NOW);
const BASE = { email: 'ana@example.com', full_name: 'Ana Agent' };

describe('Flex roles (twilio.com/docs/api/errors/45050, support article 43413131018395)', () => {
  it('accepts a Console Support user: exactly flex.readteams and flex.readonlyadmin (article 43413131018395)', () => {
    const v = withAttributes({ ...BASE, roles: ['flex.readteams', 'flex.readonlyadmin'] });
    expectAllOk(v);
    expect(v.flex.roles).toEqual(['flex.readteams', 'flex.readonlyadmin']);
    expect(v.warnings).toEqual([]);
  });

  it('accepts flex.readonlyadmin alone in a comma-separated value', () => {
    expectAllOk(withAttributes({ ...BASE, roles: 'flex.readonlyadmin' }));
  });

  it('rejects a user with only wfo.* roles as 45050 (FLEX_NO_FLEX_ROLE), citing the error page', () => {
    const c = expectFailure(withAttributes({ ...BASE, roles: ['wfo.full_access', 'wfo.team_leader'] }), 'flex', 'FLEX_NO_FLEX_ROLE');
    expect(c.expected).toBe('at least one of: agent, supervisor, admin, flex.readteams, flex.readonlyadmin');
    expect(c.actual).toBe('wfo.full_access, wfo.team_leader');
    expect(c.detail).toContain('45050');
    expect(c.detail).toContain('https://www.twilio.com/docs/api/errors/45050');
    expect(c.hint).toContain('app_metadata.flex.roles');
    expect(c.warnings ?? []).toEqual([]);
  });

  it('accepts the same wfo.* roles once a Flex role is added', () => {
    expectAllOk(withAttributes({ ...BASE, roles: ['supervisor', 'wfo.full_access', 'wfo.team_leader'] }));
  });

  it('fails empty values of every required attribute (45050: "sent empty values")', () => {
    for (const attrs of [
      { ...BASE, roles: '' },
      { ...BASE, email: ' ', roles: 'agent' },
      { ...BASE, full_name: '', roles: 'agent' },
    ]) {
      expectFailure(withAttributes(attrs), 'flex', 'FLEX_MISSING_REQUIRED');
    }
  });

  it('keeps the namespaced-claim hint when roles come only as a claim URL (45050: "rather than a namespaced claim URL")', () => {
    const c = expectFailure(
      withAttributes({ ...BASE, 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role': 'agent' }),
      'flex',
      'FLEX_MISSING_REQUIRED',
    );
    expect(c.hint).toContain('Flex ignores namespaced names');
  });
});

describe('Flex Insights warnings (insights-user-roles page; SSO configuration attribute table)', () => {
  it('warns on team_name without team_id, and the login stays valid', () => {
    const v = withAttributes({ ...BASE, roles: 'supervisor', team_name: 'RAMP' });
    expectAllOk(v);
    expect(check(v, 'flex').warnings).toEqual([
      '`team_name` is sent without `team_id`: Flex Insights displays team_name only together with team_id; the login is accepted, but set team_id in the Action too.',
    ]);
  });

  it('warns on department_name without department_id, and not when both are sent', () => {
    const alone = withAttributes({ ...BASE, roles: 'supervisor', department_name: 'Sales' });
    expectAllOk(alone);
    expect(alone.warnings.join(' ')).toContain('`department_name` is sent without `department_id`');
    const both = withAttributes({ ...BASE, roles: 'supervisor', department_name: 'Sales', department_id: 'D1', team_name: 'RAMP', team_id: 'T1' });
    expectAllOk(both);
    expect(both.warnings).toEqual([]);
  });

  it('warns on a wfo.* role on a plain agent (agent cannot open Insights), not on a supervisor', () => {
    const agent = withAttributes({ ...BASE, roles: 'agent,wfo.dashboard_viewer' });
    expectAllOk(agent);
    expect(agent.warnings).toEqual([
      'Insights role(s) wfo.dashboard_viewer on a user without supervisor or admin: Flex Insights cannot be opened with the agent role, so they grant nothing; add supervisor or admin, or drop them.',
    ]);
    expect(withAttributes({ ...BASE, roles: 'admin,wfo.dashboard_viewer' }).warnings).toEqual([]);
  });

  it('lists department_name and department_id as Insights attributes with their Flex meaning', () => {
    expect(FLEX_ATTRIBUTES.department_name).toMatchObject({ kind: 'insights', required: false });
    expect(FLEX_ATTRIBUTES.department_name.flexMeaning).toContain('department_id');
    expect(FLEX_ATTRIBUTES.department_id.kind).toBe('insights');
    const v = withAttributes({ ...BASE, roles: 'agent', department_name: 'Sales', department_id: 'D1' });
    expect(v.flex.insights).toEqual({ department_name: ['Sales'], department_id: ['D1'] });
  });
});
