// `doctor`: compares the tenant's SAML app, Login-flow Actions, signing certificate and IdP metadata
// with what Flex needs. Pure: gathered inputs + config + clock in, findings out.
import { X509Certificate } from 'node:crypto';
import type { FlexConsoleConfig } from '../config/schema.ts';
import type { DoctorInputs } from './doctor-inputs.ts';
import type { JsonObject } from './types.ts';
import { LEGACY_DEADLINE, LEGACY_MIGRATION_GUIDE, LEGACY_MIGRATION_STEPS, legacyPastDeadline } from '../config/legacy-migration.ts';
import { encryptionFindings } from './doctor-encryption.ts';
import { signingKeyFindings } from './doctor-keys.ts';
import { protectionFindings } from './doctor-protections.ts';
import { flexTarget, HTTP_POST_BINDING } from './flex-target.ts';
import { flexPlaceholder } from './placeholders.ts';

export type DoctorSeverity = 'ok' | 'info' | 'warning' | 'error';

export interface DoctorFinding {
  id: string;
  severity: DoctorSeverity;
  what: string;
  why?: string;
  fix?: string;
}

export interface DoctorConfig {
  flex?: FlexConsoleConfig;
  /** PEM text of flex.certificateFile, when configured and readable. */
  flexCertificatePem?: string;
  connection: string;
}

const CERT_WARN_DAYS = 30;
/** Auth0's algorithms when the addon names none (docs customize-saml-assertions; the Auth0 captures). */
const AUTH0_DEFAULT_SIGNATURE = 'rsa-sha1';
const AUTH0_DEFAULT_DIGEST = 'sha1';
const DAY_MS = 86_400_000;
const REQUIRED_ATTRIBUTES = ['email', 'full_name', 'roles'] as const;

const ok = (id: string, what: string): DoctorFinding => ({ id, severity: 'ok', what });

function fingerprint(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return undefined;
  }
}

function sha1(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).fingerprint;
  } catch {
    return undefined;
  }
}

/** Whether Action code sets a SAML attribute (api.samlResponse.setAttribute('name', …)). */
export function setsAttribute(code: string, name: string): boolean {
  return new RegExp(`setAttribute\\(\\s*(['"\`])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`).test(code);
}

/**
 * The algorithms Auth0 actually signs with: the addon's, or RSA-SHA1/SHA-1 when it names none (addon
 * docs' defaults table; every real Auth0 capture). Flex accepts SHA-1 (Twilio's own guide sets no
 * algorithm), so it is a warning with the exact JSON to add, not an error.
 */
export function algorithmFinding(samlp: JsonObject, addonPath: string): DoctorFinding {
  const setSig = typeof samlp.signatureAlgorithm === 'string' ? samlp.signatureAlgorithm : undefined;
  const setDigest = typeof samlp.digestAlgorithm === 'string' ? samlp.digestAlgorithm : undefined;
  const sig = setSig ?? AUTH0_DEFAULT_SIGNATURE;
  const digest = setDigest ?? AUTH0_DEFAULT_DIGEST;
  const describe = (value: string, set: string | undefined) => (set === undefined ? `${value} (not set: Auth0's default)` : value);
  if (sig === 'rsa-sha256' && digest === 'sha256') return ok('algorithm', 'signature rsa-sha256, digest sha256');
  const sha1 = sig === 'rsa-sha1' || digest === 'sha1';
  return {
    id: 'algorithm',
    severity: 'warning',
    what: `signature ${describe(sig, setSig)}, digest ${describe(digest, setDigest)}${sha1 && setSig === undefined && setDigest === undefined ? " — SHA-1, Auth0's default" : ''}`,
    why: 'With no "signatureAlgorithm"/"digestAlgorithm" Auth0 signs RSA-SHA1/SHA-1. Flex accepts it today (Twilio\'s guide sets no algorithm), but SHA-1 is deprecated for signatures and other service providers refuse it.',
    fix: `In ${addonPath} add: ${JSON.stringify({ signatureAlgorithm: 'rsa-sha256', digestAlgorithm: 'sha256' })}`,
  };
}

/**
 * Custom addon `mappings` replace Auth0's default mappings and are evaluated from the profile as it
 * was before the Actions ran; the emulator models this from one real capture (auth0-svc-tester-2020)
 * and the docs, so a verdict on attributes that come from mappings is less reliable than one on
 * attributes the Action sets.
 */
export function mappingsFinding(samlp: JsonObject, addonPath: string): DoctorFinding | undefined {
  const mappings = samlp.mappings;
  if (typeof mappings !== 'object' || mappings === null || Array.isArray(mappings) || Object.keys(mappings).length === 0) return undefined;
  const keys = Object.keys(mappings);
  return {
    id: 'mappings',
    severity: 'warning',
    what: `the addon sets custom "mappings" (${keys.length}: ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', …' : ''}), which replace Auth0's default mappings`,
    why: "Custom mappings drop the default claims they do not repeat (e.g. …/claims/nameidentifier, which the NameID probes look for) and read the user as it was before the Actions ran. The emulator models this from one real capture and Auth0's docs, so its verdict on attributes that come from mappings is less reliable than on attributes the Action sets.",
    fix: `Set the attributes Flex reads (email, full_name, roles…) with api.samlResponse.setAttribute in the post-login Action, or check this app with \`flex-sso run --mode staging\`. To go back to Auth0's defaults, remove "mappings" in ${addonPath}.`,
  };
}

/**
 * The config tests Legacy SSO: Twilio's migration guide required moving to Enhanced SSO by
 * LEGACY_DEADLINE. A warning, not an error: whether Twilio has switched Legacy logins off is not
 * documented, and the profile stays useful to test the migration.
 */
function legacyFinding(now: Date): DoctorFinding {
  const past = legacyPastDeadline(now);
  return {
    id: 'legacy-sso',
    severity: 'warning',
    what: `the config tests Flex Legacy SSO, which ${past ? 'is past' : 'must be migrated before'} Twilio's migration deadline (${LEGACY_DEADLINE})`,
    why: `Twilio requires every Legacy SSO customer to migrate to Enhanced SSO (${LEGACY_MIGRATION_GUIDE}).`,
    fix: LEGACY_MIGRATION_STEPS.map((s, i) => `${i + 1}. ${s}`).join(' '),
  };
}

function addonChecks(inputs: DoctorInputs, config: DoctorConfig, out: DoctorFinding[]): void {
  const samlp = inputs.client.samlp;
  const app = `application "${inputs.client.name}" (${inputs.clientId})`;
  const addonPath = `Auth0 → Applications → ${inputs.client.name} → Addons → SAML2 Web App → Settings`;
  if (!samlp) {
    out.push({
      id: 'addon',
      severity: 'error',
      what: `${app} has no SAML2 Web App addon (addons.samlp)`,
      why: 'Without the addon Auth0 does not act as a SAML IdP for this app; Flex gets nothing.',
      fix: `Enable it: ${addonPath}, then re-run doctor.`,
    });
    return;
  }
  out.push(ok('addon', `${app} has the SAML2 Web App addon`));
  const binding = samlp.binding;
  if (binding === undefined || binding === HTTP_POST_BINDING) out.push(ok('binding', `binding is HTTP-POST${binding === undefined ? ' (Auth0 default)' : ''}`));
  else
    out.push({
      id: 'binding',
      severity: 'error',
      what: `addon binding is ${JSON.stringify(binding)}`,
      why: 'Flex only accepts the SAML response by HTTP-POST to its ACS.',
      fix: `In ${addonPath} set "binding": "${HTTP_POST_BINDING}".`,
    });
  if (samlp.signResponse === true) out.push(ok('signResponse', 'signResponse is true (the Response is signed)'));
  else
    out.push({
      id: 'signResponse',
      severity: 'error',
      what:
        samlp.signResponse === undefined
          ? 'signResponse is not set (Auth0 then signs only the Assertion)'
          : `signResponse is ${JSON.stringify(samlp.signResponse)}`,
      why: "Twilio's Auth0 guide requires the SAML Response itself to be signed; Flex rejects responses it cannot verify.",
      fix: `In ${addonPath} set "signResponse": true.`,
    });
  out.push(algorithmFinding(samlp, addonPath));
  const mappings = mappingsFinding(samlp, addonPath);
  if (mappings) out.push(mappings);

  const placeholder = flexPlaceholder(config.flex);
  if (placeholder) {
    out.push({
      id: 'audience',
      severity: 'warning',
      what: `audience and callback not checked: ${placeholder.field} is still the placeholder ${placeholder.value} that \`flex-sso init\` writes`,
      why: 'The all-zero value names no Flex connection or account; an addon set to it would send every login to a Flex that does not exist.',
      fix: `Replace ${placeholder.field} in flex-sso.config.yaml with the real value (Flex console → Single sign-on (SSO): the connection id JQ…; Legacy: the Account SID AC… from the Twilio console), then re-run doctor.`,
    });
    return;
  }
  const target = flexTarget(config.flex);
  if (!target) {
    out.push({
      id: 'audience',
      severity: 'warning',
      what: 'audience and callback not checked: the config names no Flex connection',
      why: 'doctor needs the Flex SSO connection (JQ…) or account (AC…) to know the expected audience and ACS.',
      fix: 'Set flex.profile and flex.connectionId (Enhanced) or flex.accountSid (Legacy) in flex-sso.config.yaml.',
    });
    return;
  }
  if (samlp.audience === target.audience) out.push(ok('audience', `audience is the Flex entity ID ${target.audience}`));
  else
    out.push({
      id: 'audience',
      severity: 'error',
      what: `audience is ${JSON.stringify(samlp.audience ?? null)}, Flex (${target.profile}) expects ${target.audience}`,
      why:
        samlp.audience === undefined
          ? 'Without "audience" Auth0 uses the AuthnRequest issuer on SP-initiated logins and writes no AudienceRestriction at all on IdP-initiated ones (node-saml saml20.js); Flex rejects an assertion not restricted to its own entity ID.'
          : 'Flex rejects an assertion whose Audience is not its own entity ID.',
      fix: `In ${addonPath} set "audience": "${target.audience}".`,
    });
  const callbacks = inputs.client.callbacks;
  const index = callbacks.indexOf(target.acs);
  if (index === 0) out.push(ok('callback', `first callback is the Flex ACS ${target.acs}`));
  else if (index > 0)
    out.push({
      id: 'callback',
      severity: 'warning',
      what: `the Flex ACS is callback #${index + 1}, not the first`,
      why: 'For IdP-initiated logins Auth0 posts to the first Allowed Callback URL.',
      fix: `Move ${target.acs} to the top of Allowed Callback URLs (Auth0 → Applications → ${inputs.client.name} → Settings).`,
    });
  else
    out.push({
      id: 'callback',
      severity: 'error',
      what: `Allowed Callback URLs ${JSON.stringify(callbacks)} lack the Flex ACS`,
      why: 'Auth0 posts the SAML response to the callback URL; without the Flex ACS the login never reaches Flex.',
      fix: `Add ${target.acs} as the first Allowed Callback URL (Auth0 → Applications → ${inputs.client.name} → Settings).`,
    });
  for (const field of ['recipient', 'destination'] as const) {
    const value = samlp[field];
    if (typeof value === 'string' && value !== target.acs)
      out.push({
        id: field,
        severity: 'error',
        what: `addon ${field} is ${value}, not the Flex ACS ${target.acs}`,
        why: `Flex checks the ${field === 'recipient' ? 'SubjectConfirmation Recipient' : 'Response Destination'} against its ACS.`,
        fix: `In ${addonPath} remove "${field}" or set it to "${target.acs}".`,
      });
  }
}

function actionChecks(inputs: DoctorInputs, out: DoctorFinding[]): void {
  const fix = 'Run `flex-sso deploy-action scenarios/actions/pattern-a.js` (or pattern-b.js), which deploys the Action and binds it to the Login flow.';
  if (inputs.bindings.length === 0) {
    out.push({
      id: 'action',
      severity: 'error',
      what: 'no Action is bound to the post-login trigger (Login flow)',
      why: 'Without a post-login Action Flex receives no email/full_name/roles attributes (Twilio error 45050).',
      fix,
    });
    return;
  }
  const setBy = new Map<string, string>();
  for (const binding of inputs.bindings) {
    const live = binding.action.deployedVersion;
    if (!live) {
      out.push({
        id: 'action-deployed',
        severity: 'error',
        what: `bound Action "${binding.displayName}" has no deployed version`,
        why: 'Only a deployed version runs at login.',
        fix: `Deploy it: Auth0 → Actions → Library → ${binding.action.name} → Deploy, or \`flex-sso deploy-action FILE --name "${binding.action.name}"\`.`,
      });
      continue;
    }
    if (binding.action.code && binding.action.code !== live.code) {
      out.push({
        id: 'action-draft',
        severity: 'warning',
        what: `Action "${binding.displayName}" has undeployed changes`,
        why: 'Logins run the deployed version, not the draft you see in the editor.',
        fix: `Deploy the draft (Auth0 → Actions → Library → ${binding.action.name} → Deploy) or discard it.`,
      });
    }
    for (const attribute of REQUIRED_ATTRIBUTES) if (!setBy.has(attribute) && setsAttribute(live.code, attribute)) setBy.set(attribute, binding.displayName);
  }
  const missing = REQUIRED_ATTRIBUTES.filter((a) => !setBy.has(a));
  if (missing.length === 0) out.push(ok('action', `bound Action(s) set ${REQUIRED_ATTRIBUTES.join(', ')} (${[...new Set(setBy.values())].join(', ')})`));
  else
    out.push({
      id: 'action',
      severity: 'error',
      what: `no deployed, bound Action sets ${missing.join(', ')}`,
      why: 'Flex requires email, full_name and roles (Twilio error 45050 "Missing or invalid required attributes").',
      fix: `Add api.samlResponse.setAttribute('${missing[0]}', …) to the post-login Action, or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`,
    });
}

function certificateChecks(inputs: DoctorInputs, now: Date, out: DoctorFinding[]): string | undefined {
  const fix = `Rotate the signing key (Auth0 → Settings → Signing Keys → Rotate), then upload https://${inputs.domain}/pem to the Flex console (Single Sign-On → X.509 certificate).`;
  if (!inputs.signingCertPem.ok) {
    out.push({
      id: 'certificate',
      severity: 'error',
      what: `cannot read the signing certificate: ${inputs.signingCertPem.error}`,
      why: 'Flex verifies every response with this certificate.',
      fix: 'Check AUTH0_DOMAIN and that the tenant serves /pem.',
    });
    return undefined;
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(inputs.signingCertPem.value);
  } catch (error) {
    out.push({
      id: 'certificate',
      severity: 'error',
      what: `the signing certificate is not a valid X.509 certificate (${(error as Error).message})`,
      why: 'Flex cannot verify signatures without it.',
      fix,
    });
    return undefined;
  }
  const notAfter = new Date(cert.validTo),
    notBefore = new Date(cert.validFrom);
  if (Number.isNaN(notAfter.getTime()) || Number.isNaN(notBefore.getTime())) {
    out.push({
      id: 'certificate',
      severity: 'error',
      what: `the signing certificate has unreadable validity dates (${cert.validFrom} – ${cert.validTo})`,
      why: 'An unparsable date cannot be trusted.',
      fix,
    });
    return cert.fingerprint256;
  }
  const days = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (notAfter.getTime() <= now.getTime())
    out.push({
      id: 'certificate',
      severity: 'error',
      what: `the signing certificate expired on ${notAfter.toISOString()}`,
      why: 'Flex rejects responses signed with an expired certificate.',
      fix,
    });
  else if (notBefore.getTime() > now.getTime())
    out.push({
      id: 'certificate',
      severity: 'error',
      what: `the signing certificate is not valid before ${notBefore.toISOString()}`,
      why: 'Check the clock of this machine and of the tenant.',
      fix,
    });
  else if (days < CERT_WARN_DAYS)
    out.push({
      id: 'certificate',
      severity: 'warning',
      what: `the signing certificate expires in ${days} day(s), on ${notAfter.toISOString()}`,
      why: `Logins stop when it expires unless Flex has the next certificate (warning under ${CERT_WARN_DAYS} days).`,
      fix,
    });
  else out.push(ok('certificate', `signing certificate valid until ${notAfter.toISOString()} (${days} days)`));
  return cert.fingerprint256;
}

function metadataChecks(inputs: DoctorInputs, config: DoctorConfig, signingFingerprint: string | undefined, out: DoctorFinding[]): void {
  if (!inputs.metadata.ok) {
    out.push({
      id: 'metadata',
      severity: 'error',
      what: `cannot read the IdP metadata: ${inputs.metadata.error}`,
      why: 'The Flex console values come from it.',
      fix: `Open https://${inputs.domain}/samlp/metadata/${inputs.clientId} and check AUTH0_SAML_CLIENT_ID.`,
    });
    return;
  }
  const md = inputs.metadata.value;
  const flex = config.flex;
  const console = 'Flex console → Single Sign-On';
  if (flex?.idpIssuer === undefined)
    out.push({
      id: 'flex-issuer',
      severity: 'info',
      what: `IdP issuer not compared (tenant: ${md.issuer ?? 'none'})`,
      fix: `Set flex.idpIssuer in flex-sso.config.yaml to the value in the ${console}.`,
    });
  else if (flex.idpIssuer === md.issuer) out.push(ok('flex-issuer', `Flex IdP issuer matches the metadata (${md.issuer})`));
  else
    out.push({
      id: 'flex-issuer',
      severity: 'error',
      what: `Flex console IdP issuer ${flex.idpIssuer} differs from the tenant's ${md.issuer ?? '(none)'}`,
      why: 'Flex rejects responses whose Issuer is not the configured one.',
      fix: `In the ${console} set the Identity Provider Issuer to ${md.issuer ?? `urn:${inputs.domain}`}.`,
    });

  if (config.flexCertificatePem === undefined)
    out.push({
      id: 'flex-certificate',
      severity: 'info',
      what: 'Flex console certificate not compared',
      fix: 'Set flex.certificateFile to the certificate uploaded to the Flex console.',
    });
  else {
    const flexPrint = fingerprint(config.flexCertificatePem);
    const tenantPrints = new Set([...md.certificates.map(fingerprint), signingFingerprint].filter((x): x is string => x !== undefined));
    if (flexPrint && tenantPrints.has(flexPrint)) out.push(ok('flex-certificate', "the Flex console certificate is the tenant's signing certificate"));
    else
      out.push({
        id: 'flex-certificate',
        severity: 'error',
        what: `the Flex console certificate (${flexPrint ?? 'unreadable'}) is not the tenant's signing certificate`,
        why: 'After a key rotation Flex can no longer verify responses (signature check fails).',
        fix: `Upload https://${inputs.domain}/pem to the ${console} (X.509 certificate).`,
      });
  }

  const expectedSso = `https://${inputs.domain}/samlp/${inputs.clientId}`;
  if (flex?.ssoUrl === undefined) {
    out.push({
      id: 'flex-sso-url',
      severity: 'info',
      what: `SSO URL not compared (tenant: ${md.ssoUrls[0] ?? expectedSso})`,
      fix: `Set flex.ssoUrl to the ${console} value; it should be ${expectedSso}?connection=${config.connection}.`,
    });
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(flex.ssoUrl);
  } catch {
    url = undefined;
  }
  const base = url ? `${url.origin}${url.pathname}` : flex.ssoUrl;
  const known = md.ssoUrls.length ? md.ssoUrls : [expectedSso];
  if (!known.includes(base)) {
    out.push({
      id: 'flex-sso-url',
      severity: 'error',
      what: `Flex console SSO URL ${flex.ssoUrl} is not this app's (${known[0]})`,
      why: 'Flex sends users to this URL; another app or tenant answers with another certificate and audience.',
      fix: `In the ${console} set the SSO URL to ${known[0]}?connection=${config.connection}.`,
    });
  } else if (!url?.searchParams.get('connection')) {
    out.push({
      id: 'flex-sso-url',
      severity: 'warning',
      what: `Flex console SSO URL ${flex.ssoUrl} has no ?connection=`,
      why: 'Without it Auth0 may show another connection or a connection picker instead of the database login.',
      fix: `Use ${base}?connection=${config.connection}.`,
    });
  } else out.push(ok('flex-sso-url', `Flex SSO URL points at this app with connection=${url.searchParams.get('connection') ?? ''}`));
}

export function doctorFindings(inputs: DoctorInputs, config: DoctorConfig, now: Date): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  addonChecks(inputs, config, out);
  actionChecks(inputs, out);
  const print = certificateChecks(inputs, now, out);
  metadataChecks(inputs, config, print, out);
  const flexPrint = config.flexCertificatePem === undefined ? undefined : sha1(config.flexCertificatePem);
  out.push(...signingKeyFindings(inputs.signingKeys, inputs.domain, flexPrint ? [flexPrint] : [], now));
  out.push(...encryptionFindings(inputs.bindings));
  if (config.flex?.profile === 'legacy') out.push(legacyFinding(now));
  if (inputs.protections) out.push(...protectionFindings(inputs.protections, inputs.bindings));
  else
    out.push({
      id: 'automation',
      severity: 'info',
      what: 'MFA and bot detection are not visible here',
      why: 'A Playwright login cannot answer an MFA prompt or solve a CAPTCHA (bot detection).',
      fix: "For the test users: exclude them from MFA (e.g. an Action that skips MFA for @flex-sso.test) and add the CI runners' IPs to the bot-detection allow list (Security → Attack Protection → Bot Detection).",
    });
  return out;
}
