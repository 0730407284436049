// One user's login through a chain of post-login Actions, judged as Flex would judge it — with the
// emulator's and the fake SP's own code, not copies: the event a login builds
// (fake-idp/actions/event.ts), the Action runtime (fake-idp/actions/runner.ts: worker pool, vm
// sandbox, deadline), Auth0's attribute assembly (fake-idp/saml/claims.ts and settings.ts: the addon
// mappings replace the defaults and read the profile as it was before the Actions ran; the Actions'
// setAttribute values come on top; the NameID probe and the Actions' limits fail the login as in
// fake-idp/saml/login-response.ts) and the fake SP's `flex` check (fake-sp/pipeline/checks/flex.ts)
// on the attribute texts the Assertion would carry. No XML is built or signed: the signature and the
// other protocol checks do not depend on the Action, and skipping them is what makes 10,000 users
// take seconds (BENCHMARKS.md, "impact").
import { buildPostLoginEvent, type PostLoginEvent, type UserLike } from '../../fake-idp/actions/event.ts';
import type { ActionRunner, ActionToRun, PostLoginOutcome } from '../../fake-idp/actions/runner.ts';
import { actionAttributeLimitError } from '../../fake-idp/saml/action-limits.ts';
import { applyActionAttributes, auth0Profile, mapProfileToAttributes, probeNameIdentifier } from '../../fake-idp/saml/claims.ts';
import { attributeValueText } from '../../fake-idp/saml/response-builder.ts';
import { resolveSamlSettings, type SamlSettingsOverrides } from '../../fake-idp/saml/settings.ts';
import type { AttributeScalar, EffectiveSamlSettings, SamlAttribute } from '../../fake-idp/saml/types.ts';
import type { SamlpAddon } from '../../fake-idp/tenant/types.ts';
import { flex } from '../../fake-sp/pipeline/checks/flex.ts';
import { flexAttribute } from '../../fake-sp/pipeline/flex-attributes.ts';
import { splitRoles } from '../../flex/roles.ts';
import type { FlexValue, LoginResult } from './types.ts';

export interface LoginTarget {
  /** The SAML application: its client id and name go into event.client, its addon into the mappings. */
  clientId: string;
  clientName: string;
  addon?: SamlpAddon;
  /** urn:<tenant domain>; only the issuer setting reads it. */
  tenantIssuer: string;
  tenantId: string;
}

/**
 * What one user's login reads whatever the chain, built once and shared by the baseline and the
 * candidate: the same user at the same `now` gives the same event and the same stored profile, so
 * building them per chain only doubled the work. Never mutated: the runner structuredClones the
 * event before an Action sees it, and the mapping only reads the profile.
 */
export interface PreparedLogin {
  readonly user: UserLike;
  readonly event: PostLoginEvent;
  /** auth0Profile of the stored user, made on first use (a denied or failed login never reads it). */
  profile?: Record<string, unknown>;
  /** The addon mappings applied to `profile` when no Action overrides a mapping setting (the usual case). */
  mapped?: SamlAttribute[];
  /** The texts of `mapped`'s values, by values list: an attribute no Action replaced keeps that very list. */
  mappedTexts?: Map<readonly AttributeScalar[], string[]>;
  /**
   * The last response judged for this login and its result. The verdict is a function of the login
   * and the Actions' SAML changes alone, and most users get the same changes from both chains.
   */
  judged?: { saml: string; result: LoginResult };
}

export class LoginEvaluator {
  /** The settings of a login whose Actions set no override: the same for every user, resolved once. */
  private readonly plainSettings: EffectiveSamlSettings;

  constructor(
    private readonly runner: ActionRunner,
    private readonly target: LoginTarget,
    private readonly now: Date,
  ) {
    this.plainSettings = this.settings(undefined);
  }

  /** The event and profile of `user`'s login, for evaluate(). */
  prepare(user: UserLike): PreparedLogin {
    const event = buildPostLoginEvent({
      user,
      client: { client_id: this.target.clientId, name: this.target.clientName },
      request: { ip: '127.0.0.1', hostname: 'impact.flex-sso.local', userAgent: 'flex-sso impact' },
      tenantId: this.target.tenantId,
      now: this.now,
      // Fixed, so a run is reproducible: an Action that reads the transaction id sees the same one before and after.
      transactionId: 'flex-sso-impact',
    });
    return { user, event };
  }

  async evaluate(chain: ActionToRun[], login: PreparedLogin): Promise<LoginResult> {
    const outcome = await this.runner.run(chain, login.event);
    return this.judge(login, outcome);
  }

  judge(login: PreparedLogin, outcome: PostLoginOutcome): LoginResult {
    if (outcome.denied) return { verdict: 'denied', codes: ['ACTION_DENIED'], reason: outcome.denied.reason, attributes: {} };
    if (outcome.error) {
      return {
        verdict: 'error',
        codes: [`ACTION_${outcome.error.kind.toUpperCase().replace(/-/g, '_')}`],
        reason: `${outcome.error.action}: ${outcome.error.message}`,
        attributes: {},
      };
    }
    // The Actions' SAML changes came from the worker as JSON, so their JSON text identifies them exactly.
    const saml = JSON.stringify(outcome.saml);
    if (login.judged?.saml === saml) return login.judged.result;
    const result = this.judgeResponse(login, outcome.saml);
    login.judged = { saml, result };
    return result;
  }

  /** The response the Actions' SAML changes give this login, judged as Flex would judge it. */
  private judgeResponse(login: PreparedLogin, changes: PostLoginOutcome['saml']): LoginResult {
    // What buildLoginResponse fails the login with: Responder status, no Assertion (the fake SP's `status` check).
    const limit = actionAttributeLimitError(changes.attributes);
    if (limit !== undefined) return { verdict: 'rejected', codes: ['STATUS_NOT_SUCCESS'], reason: limit, attributes: {} };
    const plain = !hasKeys(changes.overrides);
    const settings = plain ? this.plainSettings : this.settings(changes.overrides);
    // The event's user is the stored user with Auth0's defaults at this `now` (withAuth0Defaults), what the mappings read.
    login.profile ??= auth0Profile(login.event.user, this.target.clientId, this.now);
    const mapped = plain ? this.plainMapping(login, login.profile) : mapProfileToAttributes(login.profile, settings);
    const attributes = applyActionAttributes(mapped, changes.attributes);
    const nameId = probeNameIdentifier(attributes, settings.nameIdentifierProbes);
    if ('code' in nameId) return { verdict: 'rejected', codes: ['STATUS_NOT_SUCCESS'], reason: nameId.message, attributes: {} };

    const texts = attributeTexts(attributes, plain ? login.mappedTexts : undefined);
    const check = flex({ input: '', attributes: texts }, { certificates: [] }, this.now).result;
    const read = flexAttributes(texts);
    if (check.ok) return { verdict: 'valid', codes: [], attributes: read };
    return { verdict: 'rejected', codes: [check.code ?? 'FLEX_REJECTED'], reason: check.detail, attributes: read };
  }

  private plainMapping(login: PreparedLogin, profile: Record<string, unknown>): SamlAttribute[] {
    if (login.mapped === undefined) {
      login.mapped = mapProfileToAttributes(profile, this.plainSettings);
      login.mappedTexts = new Map(login.mapped.map((a) => [a.values, a.values.map(attributeValueText)]));
    }
    return login.mapped;
  }

  private settings(overrides: SamlSettingsOverrides | undefined): EffectiveSamlSettings {
    return resolveSamlSettings(this.target.addon, overrides, { tenantIssuer: this.target.tenantIssuer, acsUrl: 'https://flex.invalid/acs' });
  }
}

/**
 * Attribute name → value texts, what the Assertion would carry. Names are the Actions' and the
 * addon's, so `__proto__` must become a plain key (as Object.fromEntries makes it). Plain writes,
 * because Object.fromEntries was the costliest line of judging a login (BENCHMARKS.md, figures table).
 */
export function attributeTexts(attributes: SamlAttribute[], known: PreparedLogin['mappedTexts']): Record<string, string[]> {
  const texts: Record<string, string[]> = {};
  for (const a of attributes) {
    const values = known?.get(a.values) ?? a.values.map(attributeValueText);
    if (a.name === '__proto__') Object.defineProperty(texts, a.name, { value: values, enumerable: true, writable: true, configurable: true });
    else texts[a.name] = values;
  }
  return texts;
}

function hasKeys(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** Flex's names only, as Flex reads them: roles split on commas, single-valued names their first value. */
export function flexAttributes(texts: Readonly<Record<string, string[]>>): Record<string, FlexValue> {
  const out: Record<string, FlexValue> = {};
  for (const [name, values] of Object.entries(texts)) {
    const spec = flexAttribute(name);
    if (spec === undefined || values.length === 0) continue;
    const value: FlexValue = name === 'roles' ? splitRoles(values) : spec.multiValued ? [...values] : (values[0] as string);
    // An empty roles value reads as no role at all (Twilio 45050), shown as absent.
    if (Array.isArray(value) && value.length === 0) continue;
    // A plain write is safe: `name` is one of Flex's fixed names (flexAttribute), never `__proto__`.
    out[name] = value;
  }
  return out;
}
