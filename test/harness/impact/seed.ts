// The seeded tenant of the impact tests: Pattern A bound as `flex-pattern-a` behind an `audit-log`
// Action, ten users, and a candidate that demotes RAMP supervisors to agents, denies the retired
// Legacy program, gives users without roles `agent`, and throws for one program.
import { readFileSync } from 'node:fs';
import type { Tenant } from '../../../fake-idp/tenant/tenant.ts';

export const PATTERN_A = readFileSync(new URL('../../../scenarios/actions/pattern-a.js', import.meta.url), 'utf8');

const AUDIT_LOG = `exports.onExecutePostLogin = async (event) => { console.log('login', event.user.user_id); };`;

/** Pattern A with the change under test; everything else as deployed. */
export const CANDIDATE = PATTERN_A.replace(
  "const roles = flex.roles || ['agent'];",
  [
    "if (appMetadata.program === 'Legacy') { api.access.deny('The Legacy program is retired'); return; }",
    "  if (appMetadata.program === 'Broken') throw new Error('no mapping for program Broken');",
    "  let roles = flex.roles && flex.roles.length ? flex.roles : ['agent'];",
    "  if (flex.team === 'RAMP') roles = roles.map((role) => (role === 'supervisor' ? 'agent' : role));",
  ].join('\n'),
);

export const USERS = [
  { email: 'admin@corp.test', name: 'Ada Admin', app_metadata: { flex: { roles: ['admin'], team: 'RAMP' }, program: 'Core' } },
  { email: 'sup.ramp@corp.test', name: 'Sam Ramp', app_metadata: { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'Core' } },
  { email: 'sup.ramp2@corp.test', name: 'Sue Ramp', app_metadata: { flex: { roles: ['supervisor'], team: 'RAMP' }, program: 'Sales' } },
  { email: 'sup.sales@corp.test', name: 'Sid Sales', app_metadata: { flex: { roles: ['supervisor'], team: 'Sales' }, program: 'Sales' } },
  { email: 'legacy.agent@corp.test', name: 'Lee Legacy', app_metadata: { flex: { roles: ['agent'], team: 'Old' }, program: 'Legacy' } },
  { email: 'legacy.typo@corp.test', name: 'Lou Legacy', app_metadata: { flex: { roles: ['superviser'], team: 'Old' }, program: 'Legacy' } },
  { email: 'noflex@corp.test', name: 'Nia None', app_metadata: {} },
  { email: 'typo@corp.test', name: 'Tom Typo', app_metadata: { flex: { roles: ['superviser'], team: 'Sales' }, program: 'Sales' } },
  { email: 'broken@corp.test', name: 'Bea Broken', app_metadata: { flex: { roles: ['agent'], team: 'Sales' }, program: 'Broken' } },
  { email: 'noroles@corp.test', name: 'Ned Noroles', app_metadata: { flex: { roles: [], team: 'Sales' }, program: 'Sales' } },
];

export function seedTenant(tenant: Tenant): void {
  USERS.forEach((user, i) => tenant.createUser({ ...user, user_id: `auth0|seed${i}`, password: 'Str0ng-passw0rd!', email_verified: true }));
  const bound = [
    { name: 'audit-log', code: AUDIT_LOG },
    { name: 'flex-pattern-a', code: PATTERN_A },
  ].map((a) => {
    const action = tenant.createAction(a);
    tenant.deployAction(action.id);
    return action.id;
  });
  tenant.setBindings(
    'post-login',
    bound.map((id) => ({ ref: { type: 'action_id', value: id } })),
  );
}

export const EXPECTED_SUMMARY = { unchanged: 4, changed: 5, newlyRejected: 1, newlyAccepted: 1, errors: 1 };

const valid = (email: string, name: string, roles: string[], team: string | undefined, program: string | undefined) => ({
  verdict: 'valid',
  codes: [],
  attributes: { email, full_name: name, roles, ...(team ? { team } : {}), ...(program ? { program } : {}) },
});

/** Every user whose result changes, by email, as issue 22's JSON lists them (sorted by email). */
export function expectedUsers(): unknown[] {
  return [
    {
      email: 'broken@corp.test',
      userId: 'auth0|seed8',
      before: valid('broken@corp.test', 'Bea Broken', ['agent'], 'Sales', 'Broken'),
      after: { verdict: 'error', codes: ['ACTION_THROW'], reason: 'flex-pattern-a: Error: no mapping for program Broken', attributes: {} },
      changes: [
        { attribute: 'email', before: 'broken@corp.test', after: null },
        { attribute: 'full_name', before: 'Bea Broken', after: null },
        { attribute: 'roles', before: ['agent'], after: null },
        { attribute: 'team', before: 'Sales', after: null },
        { attribute: 'program', before: 'Broken', after: null },
      ],
    },
    {
      email: 'legacy.agent@corp.test',
      userId: 'auth0|seed4',
      before: valid('legacy.agent@corp.test', 'Lee Legacy', ['agent'], 'Old', 'Legacy'),
      after: { verdict: 'denied', codes: ['ACTION_DENIED'], reason: 'The Legacy program is retired', attributes: {} },
      changes: [
        { attribute: 'email', before: 'legacy.agent@corp.test', after: null },
        { attribute: 'full_name', before: 'Lee Legacy', after: null },
        { attribute: 'roles', before: ['agent'], after: null },
        { attribute: 'team', before: 'Old', after: null },
        { attribute: 'program', before: 'Legacy', after: null },
      ],
    },
    {
      email: 'legacy.typo@corp.test',
      userId: 'auth0|seed5',
      before: {
        // No Flex role at all is Twilio's 45050 too (twilio.com/docs/api/errors/45050), said in the same check.
        verdict: 'rejected',
        codes: ['FLEX_UNKNOWN_ROLE'],
        reason:
          'Unknown Flex role(s): `superviser`: did you mean `supervisor`? roles [superviser] holds no Flex role (Flex would answer with Twilio error 45050, https://www.twilio.com/docs/api/errors/45050).',
        attributes: { email: 'legacy.typo@corp.test', full_name: 'Lou Legacy', roles: ['superviser'], team: 'Old', program: 'Legacy' },
      },
      after: { verdict: 'denied', codes: ['ACTION_DENIED'], reason: 'The Legacy program is retired', attributes: {} },
      changes: [
        { attribute: 'email', before: 'legacy.typo@corp.test', after: null },
        { attribute: 'full_name', before: 'Lou Legacy', after: null },
        { attribute: 'roles', before: ['superviser'], after: null },
        { attribute: 'team', before: 'Old', after: null },
        { attribute: 'program', before: 'Legacy', after: null },
      ],
    },
    {
      email: 'noroles@corp.test',
      userId: 'auth0|seed9',
      before: {
        verdict: 'rejected',
        codes: ['FLEX_MISSING_REQUIRED'],
        reason: 'Missing or invalid required attributes: roles (Flex would answer with Twilio error 45050).',
        attributes: { email: 'noroles@corp.test', full_name: 'Ned Noroles', team: 'Sales', program: 'Sales' },
      },
      after: valid('noroles@corp.test', 'Ned Noroles', ['agent'], 'Sales', 'Sales'),
      changes: [{ attribute: 'roles', before: null, after: ['agent'] }],
    },
    {
      email: 'sup.ramp2@corp.test',
      userId: 'auth0|seed2',
      before: valid('sup.ramp2@corp.test', 'Sue Ramp', ['supervisor'], 'RAMP', 'Sales'),
      after: valid('sup.ramp2@corp.test', 'Sue Ramp', ['agent'], 'RAMP', 'Sales'),
      changes: [{ attribute: 'roles', before: ['supervisor'], after: ['agent'] }],
    },
    {
      email: 'sup.ramp@corp.test',
      userId: 'auth0|seed1',
      before: valid('sup.ramp@corp.test', 'Sam Ramp', ['supervisor'], 'RAMP', 'Core'),
      after: valid('sup.ramp@corp.test', 'Sam Ramp', ['agent'], 'RAMP', 'Core'),
      changes: [{ attribute: 'roles', before: ['supervisor'], after: ['agent'] }],
    },
  ];
}
