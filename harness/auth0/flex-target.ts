// What Flex expects from the IdP for the configured profile: its SP entity ID (the Audience) and ACS.
import type { FlexConsoleConfig } from '../config/schema.ts';

export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface FlexTarget { profile: 'enhanced' | 'legacy'; audience: string; acs: string }

export function flexTarget(flex: FlexConsoleConfig | undefined): FlexTarget | undefined {
  if (!flex) return undefined;
  if (flex.profile === 'enhanced' && flex.connectionId) {
    return { profile: 'enhanced', audience: `urn:flex:${flex.connectionId}`, acs: `https://login.flex.us1.twilio.com/login/callback?connection=${flex.connectionId}` };
  }
  if (flex.profile === 'legacy' && flex.accountSid) {
    const base = `https://iam.twilio.com/v1/Accounts/${flex.accountSid}/saml2`;
    return { profile: 'legacy', audience: `${base}/metadata`, acs: base };
  }
  return undefined;
}
