// Assembles the final (signed) SAML Response for one login from the user, the app's addon, the
// Action outcome and any response tweaks (faults). Pure apart from random IDs; asynchronous because
// the RSA signature is computed in libuv's threadpool (signing.ts).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Application, User } from '../tenant/types.ts';
import { actionAttributeLimitError } from './action-limits.ts';
import { applyActionAttributes, auth0Profile, mapProfileToAttributes, probeNameIdentifier } from './claims.ts';
import { encryptAssertionInResponse, encryptionSettings } from './encrypt-assertion.ts';
import { buildErrorResponseXml, buildSamlResponseXml } from './response-builder.ts';
import { resolveSamlSettings, type SamlSettingsOverrides } from './settings.ts';
import { signRootElement, signSamlResponseXml, type SigningKey } from './signing.ts';
import type { EffectiveSamlSettings, SamlAttribute } from './types.ts';

/** Deliberate deviations applied on request (fault injection); empty = a faithful response. */
export interface ResponseTweaks {
  unsigned?: boolean;
  /** Sign with this key/cert instead of the tenant's. */
  signingKey?: SigningKey;
  audience?: string;
  recipient?: string;
  destination?: string;
  /** Moves the whole assertion clock (negative = in the past). */
  clockShiftSeconds?: number;
  /** Issue the response so long ago that NotOnOrAfter has passed (by an hour), whatever the lifetime. */
  expire?: boolean;
  /** Moves only NotBefore (positive = in the future). */
  notBeforeOffsetSeconds?: number;
  dropAttributes?: string[];
}

export interface LoginResponseRequest {
  /** The user as the addon mappings see it: as it was BEFORE the Actions ran (see complete-login.ts). */
  user: User;
  client: Pick<Application, 'client_id' | 'addons'>;
  tenantIssuer: string;
  acsUrl: string;
  inResponseTo?: string;
  authnRequestIssuer?: string;
  /** Outcome of the post-login Actions. `failure` = deny or error message → Responder status. */
  action: { failure?: string; attributes: Record<string, unknown>; overrides: SamlSettingsOverrides };
  signingKey: SigningKey;
  tweaks?: ResponseTweaks;
  now: Date;
}

/** How far past NotOnOrAfter an `expire` tweak puts the response. */
export const EXPIRED_MARGIN_SECONDS = 3600;

export type LoginResponse =
  | { ok: true; xml: string; settings: EffectiveSamlSettings; nameId: string; attributes: SamlAttribute[] }
  | { ok: false; xml: string; settings: EffectiveSamlSettings; message: string };

async function signOrNot(
  xml: string,
  target: 'response' | 'assertion',
  settings: EffectiveSamlSettings,
  key: SigningKey,
  tweaks: ResponseTweaks,
): Promise<string> {
  if (tweaks.unsigned) return xml;
  return signSamlResponseXml(xml, {
    target,
    key: tweaks.signingKey ?? key,
    signatureAlgorithm: settings.signatureAlgorithm,
    digestAlgorithm: settings.digestAlgorithm,
  });
}

/**
 * api.samlResponse.setCert + setKey: Auth0 signs with that pair instead of the tenant key ("Both the
 * certificate and private key must be specified", post-login API docs). One without the other, or a
 * pair that does not parse, fails the login (how Auth0 fails it is unconfirmed).
 */
export function actionSigningKey(overrides: SamlSettingsOverrides, tenantKey: SigningKey): SigningKey | { error: string } {
  const { cert, key } = overrides;
  if (cert === undefined && key === undefined) return tenantKey;
  if (cert === undefined || key === undefined) {
    return {
      error: `api.samlResponse.${cert === undefined ? 'setKey' : 'setCert'} was called without api.samlResponse.${cert === undefined ? 'setCert' : 'setKey'}: Auth0 needs both the certificate and the private key to sign with them`,
    };
  }
  try {
    new X509Certificate(cert);
    createPrivateKey(key);
  } catch (error) {
    return { error: `api.samlResponse.setCert/setKey: the certificate or private key cannot be read (${(error as Error).message})` };
  }
  return { certPem: cert, keyPem: key };
}

export async function buildLoginResponse(req: LoginResponseRequest): Promise<LoginResponse> {
  const tweaks = req.tweaks ?? {};
  const settings = resolveSamlSettings(req.client.addons.samlp, req.action.overrides, {
    tenantIssuer: req.tenantIssuer,
    acsUrl: req.acsUrl,
    ...(req.authnRequestIssuer === undefined ? {} : { authnRequestIssuer: req.authnRequestIssuer }),
  });
  if (tweaks.audience !== undefined) settings.audience = tweaks.audience;
  if (tweaks.recipient !== undefined) settings.recipient = tweaks.recipient;
  if (tweaks.destination !== undefined) settings.destination = tweaks.destination;
  const shiftSeconds = (tweaks.clockShiftSeconds ?? 0) - (tweaks.expire ? settings.lifetimeInSeconds + EXPIRED_MARGIN_SECONDS : 0);
  const now = new Date(req.now.getTime() + shiftSeconds * 1000);

  const actionKey = actionSigningKey(req.action.overrides, req.signingKey);
  const signingKey = 'error' in actionKey ? req.signingKey : actionKey;
  // node-samlp lib/samlp.js buildSamlResponse (used by sendError too) signs the error Response only
  // when signResponse is on; otherwise it goes out unsigned.
  const fail = async (message: string): Promise<LoginResponse> => {
    const xml = buildErrorResponseXml(
      {
        issuer: settings.issuer,
        destination: settings.destination,
        message,
        ...(req.inResponseTo === undefined ? {} : { inResponseTo: req.inResponseTo }),
      },
      now,
    );
    const key = tweaks.signingKey ?? signingKey;
    const signed =
      tweaks.unsigned || !settings.signResponse
        ? xml
        : await signRootElement(xml, { key, signatureAlgorithm: settings.signatureAlgorithm, digestAlgorithm: settings.digestAlgorithm });
    return { ok: false, xml: signed, settings, message };
  };
  if (req.action.failure !== undefined) return fail(req.action.failure);
  if ('error' in actionKey) return fail(actionKey.error);
  const limit = actionAttributeLimitError(req.action.attributes);
  if (limit !== undefined) return fail(limit);

  const mapped = mapProfileToAttributes(auth0Profile(req.user, req.client.client_id, req.now), settings);
  const drop = new Set(tweaks.dropAttributes ?? []);
  const attributes = applyActionAttributes(mapped, req.action.attributes).filter((a) => !drop.has(a.name));
  const nameId = probeNameIdentifier(attributes, settings.nameIdentifierProbes);
  if ('code' in nameId) return fail(nameId.message);

  const xml = buildSamlResponseXml(
    {
      issuer: settings.issuer,
      destination: settings.destination,
      recipient: settings.recipient,
      ...(settings.audience === undefined ? {} : { audience: settings.audience }),
      ...(req.inResponseTo === undefined ? {} : { inResponseTo: req.inResponseTo }),
      nameId: { value: nameId.value, format: settings.nameIdentifierFormat },
      attributes,
      lifetimeInSeconds: settings.lifetimeInSeconds,
      authnContextClassRef: settings.authnContextClassRef,
      typedAttributes: settings.typedAttributes,
      includeAttributeNameFormat: settings.includeAttributeNameFormat,
      ...(tweaks.notBeforeOffsetSeconds === undefined ? {} : { notBeforeOffsetSeconds: tweaks.notBeforeOffsetSeconds }),
    },
    now,
  );
  const encryption = encryptionSettings(req.action.overrides);
  if (encryption === undefined) {
    const signed = await signOrNot(xml, settings.signResponse ? 'response' : 'assertion', settings, signingKey, tweaks);
    return { ok: true, xml: signed, settings, nameId: nameId.value, attributes };
  }
  // node-samlp getSamlResponse: the Assertion (signed unless signResponse) is encrypted, put in the
  // Response, and the Response is signed when signResponse is on.
  try {
    const inner = settings.signResponse ? xml : await signOrNot(xml, 'assertion', settings, signingKey, tweaks);
    const encrypted = await encryptAssertionInResponse(inner, encryption);
    const signed = settings.signResponse ? await signOrNot(encrypted, 'response', settings, signingKey, tweaks) : encrypted;
    return { ok: true, xml: signed, settings, nameId: nameId.value, attributes };
  } catch (error) {
    return fail(`api.samlResponse.setEncryptionCert: the assertion could not be encrypted (${(error as Error).message})`);
  }
}
