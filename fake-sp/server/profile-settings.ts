// The settings of a Flex SSO profile that model what Twilio documents about Flex as a SAML SP, each
// a named setting with its documented default (issue 18; docs/emulator-fidelity.md):
// - allowIdpInitiated: Flex accepts a response that answers no AuthnRequest (IdP-initiated) only
//   when its console has a Default Redirect URL (Twilio "Configuring SSO and IdP in Flex"). Default
//   true: the fake SP is a Flex with that URL set, as the harness's IdP-initiated scenarios need.
// - requireRelayState: Twilio's Console SSO troubleshooting page says an SP-initiated login must come
//   back with its RelayState. Default true; a response that answers an AuthnRequest (InResponseTo)
//   posted without RelayState fails `inResponseTo` with IRT_RELAYSTATE_MISSING.
import { failed } from '../pipeline/result.ts';
import type { Verdict } from '../pipeline/types.ts';
import { isVerdictValid } from '../pipeline/validate.ts';

export interface FlexProfileSettings {
  allowIdpInitiated: boolean;
  requireRelayState: boolean;
}

export const DEFAULT_PROFILE_SETTINGS: Readonly<FlexProfileSettings> = Object.freeze({ allowIdpInitiated: true, requireRelayState: true });

export function profileSettings(input: Partial<FlexProfileSettings>): FlexProfileSettings {
  return {
    allowIdpInitiated: input.allowIdpInitiated ?? DEFAULT_PROFILE_SETTINGS.allowIdpInitiated,
    requireRelayState: input.requireRelayState ?? DEFAULT_PROFILE_SETTINGS.requireRelayState,
  };
}

/** requireRelayState: an SP-initiated answer (InResponseTo read from the signed node) posted without RelayState is refused. */
export function applyRelayStateRule(verdict: Verdict, relayState: string | undefined, settings: FlexProfileSettings): Verdict {
  if (!settings.requireRelayState || verdict.facts.inResponseTo === undefined || (relayState !== undefined && relayState !== '')) return verdict;
  const checks = verdict.checks.map((c) =>
    c.id !== 'inResponseTo' || c.status !== 'ok'
      ? c
      : failed('inResponseTo', 'IRT_RELAYSTATE_MISSING', {
          expected: 'the RelayState the SP sent with its AuthnRequest, posted back with the response',
          actual: 'no RelayState in the POST',
          detail: `The response answers AuthnRequest ${verdict.facts.inResponseTo} (SP-initiated) but the POST carries no RelayState.`,
          hint: 'Flex needs the RelayState back on an SP-initiated login (Twilio Console SSO troubleshooting): Auth0 returns the one it received; an Action calling api.samlResponse.setRelayState, or a proxy that drops the form field, breaks it.',
        }),
  );
  return { ...verdict, checks, valid: isVerdictValid(checks) };
}
