// The dashboard's HTML renderers: every value from a response is escaped, the signed element is
// marked, the expectation is compared, the filter is parsed strictly.
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../../../../fake-sp/pipeline/validate.ts';
import type { Verdict } from '../../../../fake-sp/pipeline/types.ts';
import type { LoginRecord } from '../../../../fake-sp/store/login-store.ts';
import { renderDetailPage, renderNotFoundPage } from '../../../../fake-sp/server/dashboard/detail-page.ts';
import { compareAttributes, expectationOf } from '../../../../fake-sp/server/dashboard/expectation.ts';
import { isFilterProblem, matchesFilter, parseFilter } from '../../../../fake-sp/server/dashboard/filter.ts';
import { loginRowHtml, renderListPage } from '../../../../fake-sp/server/dashboard/list-page.ts';
import { xmlView } from '../../../../fake-sp/server/dashboard/xml-view.ts';
import { signedResponseBase64, testKey, TEST_TENANT } from '../../../helpers/saml-signer.ts';
import type { ResponseOptions } from '../../../helpers/saml-signer.ts';

const SCRIPT = '<script>alert("x")</script>';

function verdictFor(options: ResponseOptions = {}, key = testKey('idp')): Verdict {
  return validateResponse(
    signedResponseBase64({ inResponseTo: null, ...options }),
    {
      certificates: [key.cert],
      issuer: TEST_TENANT.issuer,
      audience: TEST_TENANT.audience,
      acsUrl: TEST_TENANT.acsUrl,
    },
    TEST_TENANT.now,
  );
}

function record(verdict: Verdict, extra: Partial<LoginRecord> & { expectation?: unknown } = {}): LoginRecord {
  return {
    id: 'lg_test_1',
    receivedAt: '2026-01-15T10:00:01.000Z',
    profile: 'enhanced',
    acsUrl: TEST_TENANT.acsUrl,
    samlResponse: 'PHg+',
    verdict,
    httpStatus: verdict.valid ? 302 : 403,
    email: verdict.flex.email,
    roles: verdict.flex.roles,
    nameId: verdict.facts.nameId,
    ...extra,
  };
}

const hostile = { email: 'eve@example.com', full_name: SCRIPT, roles: 'agent', team: `<img src=x onerror="alert(1)">` };

describe('escaping', () => {
  it('a list row shows <script> from a response, RelayState and roles as text', () => {
    const r = record(verdictFor({ attributes: hostile }), { relayState: SCRIPT, roles: [SCRIPT] });
    const html = loginRowHtml(r);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('the detail page shows attribute values, worker attributes and the XML as text', () => {
    const r = record(verdictFor({ attributes: hostile }), { relayState: SCRIPT, scenarioId: SCRIPT });
    expect(r.verdict.valid).toBe(true);
    const html = renderDetailPage(r);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    const xml = html.slice(html.indexOf('<pre class="xml"'));
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('the list page escapes the filter echoed into the form', () => {
    const html = renderListPage({ records: [], filter: { q: `"><script>x</script>` }, total: 0, profiles: [] });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('<script src="/dashboard.js" defer></script>');
  });

  it('the 404 page escapes the id', () => {
    expect(renderNotFoundPage(SCRIPT)).not.toContain('<script>alert');
  });
});

describe('detail page', () => {
  it('shows every check with its hint, and no worker when no attribute could be trusted', () => {
    const v = verdictFor({}, testKey('other-idp'));
    const html = renderDetailPage(record(v));
    const failed = v.checks.find((c) => c.id === 'signature');
    expect(failed?.hint).toBeTruthy();
    expect(html).toContain('data-check="signature"');
    expect(html).toContain(`>${'SIG_INVALID'}<`);
    expect(html).toContain(failed?.hint?.slice(0, 40));
    expect(html).toContain('✗ invalid');
    expect(html).toContain('id="no-worker"');
  });

  it('shows the worker attributes with the escaped contact_uri, also for a login Flex rejects on its attributes', () => {
    const valid = renderDetailPage(record(verdictFor()));
    expect(valid).toContain('client:ana_2Eagent_40example_2Ecom');
    expect(valid).not.toContain('so it would write no worker');
    const typo = renderDetailPage(record(verdictFor({ attributes: { email: 'ana.agent@example.com', full_name: 'Ana', roles: 'superviser' } })));
    expect(typo).toContain('✗ invalid');
    expect(typo).toContain('Flex would reject this login, so it would write no worker');
    expect(typo).toContain('client:ana_2Eagent_40example_2Ecom');
  });

  it('says "no expectation" without one and compares with one', () => {
    expect(renderDetailPage(record(verdictFor()))).toContain('id="no-expectation"');
    const html = renderDetailPage(
      record(verdictFor(), { scenarioId: 'pa-agent', expectation: { outcome: 'login', attributes: { team: 'OPS', roles: 'agent', program: 'absent' } } }),
    );
    expect(html).not.toContain('id="no-expectation"');
    expect(html).toMatch(/<tr data-attribute="team" class="mismatch">/);
    expect(html).toMatch(/<tr data-attribute="roles"><td>/);
  });
});

describe('expectation', () => {
  it('ignores a malformed expectation and keeps only string / string[] attribute values', () => {
    expect(expectationOf(record(verdictFor(), { expectation: 'nope' } as never))).toBeUndefined();
    expect(expectationOf(record(verdictFor(), { expectation: { attributes: { a: 'x', b: 3, c: ['y'] } } } as never))?.attributes).toEqual({ a: 'x', c: ['y'] });
  });

  it('compares roles as a set, absent as missing, other values exactly', () => {
    const rows = compareAttributes(
      { roles: ['supervisor,agent'], team: ['RAMP'] },
      { attributes: { roles: ['agent', 'supervisor'], team: 'OPS', program: 'absent', email: 'a@b.c' } },
    );
    const by = Object.fromEntries(rows.map((r) => [r.name, r.match]));
    expect(by).toEqual({ roles: true, team: false, program: true, email: false });
  });
});

describe('xmlView', () => {
  it('marks the Response when the verified signature covers it', () => {
    const v = verdictFor({ sign: 'response' });
    const view = xmlView(v.xml as string, v);
    expect(view.marked).toEqual(['Response']);
    expect(view.html).toContain(`data-signed="Response"`);
    expect(view.html).toContain(`#${v.facts.responseId}`);
    expect(view.html.split('\n').length).toBeGreaterThan(20);
  });

  it('marks the Assertion when only the Assertion is signed', () => {
    const v = verdictFor({ sign: 'assertion' });
    expect(v.facts.signedElement).toBe('Assertion');
    expect(xmlView(v.xml as string, v).marked).toEqual(['Assertion']);
  });

  it('marks nothing when no signature verified', () => {
    const v = verdictFor({}, testKey('other-idp'));
    expect(xmlView(v.xml as string, v).marked).toEqual([]);
  });

  it('shows unparsable XML as escaped text', () => {
    const v = verdictFor();
    expect(xmlView('<a><script>', v).html).toBe('&lt;a&gt;&lt;script&gt;');
  });
});

describe('filter', () => {
  const valid = record(verdictFor());
  const invalid = record(verdictFor({}, testKey('other-idp')), { profile: 'legacy' });

  it('parses q, verdict and profile; empty values mean "any"', () => {
    expect(parseFilter({ q: ' Ana ', verdict: 'valid', profile: '' })).toEqual({ q: 'Ana', verdict: 'valid' });
  });

  it('rejects an unknown verdict or profile and a repeated field', () => {
    for (const query of [{ verdict: 'maybe' }, { profile: 'modern' }, { q: ['a', 'b'] }, { q: 'x'.repeat(300) }]) {
      const f = parseFilter(query);
      expect(isFilterProblem(f)).toBe(true);
    }
  });

  it('matches email substrings case-insensitively, verdict and profile', () => {
    expect(matchesFilter(valid, { q: 'ANA.agent' })).toBe(true);
    expect(matchesFilter(valid, { q: 'bob' })).toBe(false);
    expect(matchesFilter(valid, { verdict: 'valid' })).toBe(true);
    expect(matchesFilter(invalid, { verdict: 'valid' })).toBe(false);
    expect(matchesFilter(invalid, { profile: 'legacy', verdict: 'invalid' })).toBe(true);
    expect(matchesFilter(valid, { profile: 'legacy' })).toBe(false);
  });
});
