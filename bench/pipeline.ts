// Pipeline throughput vs @node-saml/node-saml on the same signed Auth0-shaped response.
import { SAML } from '@node-saml/node-saml';
import { validateResponse } from '../fake-sp/pipeline/validate.ts';
import { signedResponseBase64, testKey, TEST_TENANT } from '../test/helpers/saml-signer.ts';
import { measure, merge, ms, peakRssMiB, type Sample } from './stats.ts';

export interface PipelineBench {
  harness: Sample;
  nodeSaml: Sample;
  ratio: number;
  peakRssMiB: number;
}

export async function benchPipeline(count: number): Promise<PipelineBench> {
  const key = testKey();
  const now = new Date();
  const response = signedResponseBase64({
    sign: 'response',
    now,
    attributes: { email: 'ana@example.com', full_name: 'Ana Agent', roles: ['supervisor', 'wfo.team_leader'], team: 'Sales', program: 'RAMP' },
  });
  const expectations = { certificates: [key.cert], issuer: TEST_TENANT.issuer, audience: TEST_TENANT.audience, acsUrl: TEST_TENANT.acsUrl };
  const check = validateResponse(response, expectations, now);
  if (!check.valid) throw new Error(`bench response is not valid: ${JSON.stringify(check.checks.filter((c) => c.status === 'failed'))}`);

  const saml = new SAML({
    idpCert: key.cert,
    issuer: TEST_TENANT.audience,
    audience: TEST_TENANT.audience,
    callbackUrl: TEST_TENANT.acsUrl,
    wantAssertionsSigned: false,
    wantAuthnResponseSigned: true,
    acceptedClockSkewMs: 120_000,
  });
  await saml.validatePostResponseAsync({ SAMLResponse: response });

  // Warm-up, then alternate rounds so a change in machine load hits both libraries alike.
  await measure(Math.min(500, count), () => validateResponse(response, expectations, now));
  await measure(Math.min(500, count), () => saml.validatePostResponseAsync({ SAMLResponse: response }));
  const rounds = 10;
  const perRound = Math.max(1, Math.floor(count / rounds));
  const ours: Sample[] = [];
  const theirs: Sample[] = [];
  for (let r = 0; r < rounds; r += 1) {
    ours.push(await measure(perRound, () => validateResponse(response, expectations, now)));
    theirs.push(await measure(perRound, () => saml.validatePostResponseAsync({ SAMLResponse: response })));
  }
  const harness = merge(ours);
  const nodeSaml = merge(theirs);
  return { harness, nodeSaml, ratio: harness.perSecond / nodeSaml.perSecond, peakRssMiB: peakRssMiB() };
}

export function formatPipeline(r: PipelineBench): string {
  return [
    `pipeline (${r.harness.count} validations each, signed Auth0-shaped response)`,
    `  flex-sso pipeline   ${r.harness.perSecond.toFixed(0)}/s   p50 ${ms(r.harness.p50)}   p99 ${ms(r.harness.p99)}`,
    `  @node-saml 5.1      ${r.nodeSaml.perSecond.toFixed(0)}/s   p50 ${ms(r.nodeSaml.p50)}   p99 ${ms(r.nodeSaml.p99)}`,
    `  ratio ${r.ratio.toFixed(2)} (target ≥ 1.00)   peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
  ].join('\n');
}
