// The worker attributes Flex would write, and the Twilio Client identity escaping of contact_uri.
import { describe, expect, it } from 'vitest';
import { flexView } from '../../../../fake-sp/pipeline/flex-view.ts';
import { contactUri, escapeClientIdentity, flexMeaning, workerAttributes } from '../../../../fake-sp/server/dashboard/worker-attributes.ts';

const worker = (attributes: Record<string, string[]>) => workerAttributes(attributes, flexView(attributes));

describe('contact_uri escaping', () => {
  it('escapes @ as _40 and . as _2E', () => {
    expect(contactUri('ana.agent@example.com')).toBe('client:ana_2Eagent_40example_2Ecom');
  });

  it('keeps ASCII letters and digits, escapes every other character per UTF-8 byte', () => {
    expect(escapeClientIdentity('Bob99')).toBe('Bob99');
    expect(escapeClientIdentity('a_b-c+d')).toBe('a_5Fb_2Dc_2Bd');
    expect(escapeClientIdentity('é')).toBe('_C3_A9');
    expect(escapeClientIdentity('<script>')).toBe('_3Cscript_3E');
  });

  it('is unambiguous: a literal "_40" does not collide with "@"', () => {
    expect(escapeClientIdentity('a_40b')).not.toBe(escapeClientIdentity('a@b'));
  });
});

describe('workerAttributes', () => {
  it('writes full_name, email, roles, image_url and contact_uri from the Flex attributes, custom ones as they are', () => {
    const w = worker({
      email: ['ana.agent@example.com'],
      full_name: ['Ana Agent'],
      roles: ['agent,supervisor'],
      image_url: ['https://x.test/a.png'],
      team: ['RAMP'],
      program: ['RAMP'],
      team_name: ['Ramp Team'],
      team_member: ['t1', 't2'],
    });
    expect(w).toEqual({
      full_name: 'Ana Agent',
      email: 'ana.agent@example.com',
      roles: ['agent', 'supervisor'],
      image_url: 'https://x.test/a.png',
      contact_uri: 'client:ana_2Eagent_40example_2Ecom',
      team: 'RAMP',
      program: 'RAMP',
      team_name: 'Ramp Team',
      team_member: ['t1', 't2'],
    });
  });

  it('has no email or contact_uri when the response carries no email (the 45050 case)', () => {
    const w = worker({ full_name: ['Ana'], roles: ['agent'] });
    expect(w).not.toHaveProperty('email');
    expect(w).not.toHaveProperty('contact_uri');
    expect(w.roles).toEqual(['agent']);
  });

  it('converts typed suffixes to their type under the base name and keeps a value that does not read as its type verbatim', () => {
    const w = worker({
      email: ['a@b.c'],
      full_name: ['A'],
      roles: ['agent'],
      'seniority.int': ['7'],
      'remote.boolean': ['true'],
      'skills.stringarray': ['x', 'y'],
      'level.int': ['high'],
    });
    expect(w.seniority).toBe(7);
    expect(w.remote).toBe(true);
    expect(w.skills).toEqual(['x', 'y']);
    expect(w['level.int']).toBe('high');
    expect(w).not.toHaveProperty('level');
  });

  it('keeps an attribute named __proto__ as a plain key', () => {
    const attributes = JSON.parse('{"email":["a@b.c"],"full_name":["A"],"roles":["agent"],"__proto__":["x"]}') as Record<string, string[]>;
    const w = worker(attributes);
    expect(Object.hasOwn(w, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(w)).toBe(Object.prototype);
  });

  it('says what each attribute drives in Flex', () => {
    expect(flexMeaning('team_name')).toMatch(/Teams View/);
    expect(flexMeaning('team')).toMatch(/drives no Flex feature/);
    expect(flexMeaning('whatever')).toMatch(/custom/);
  });
});
