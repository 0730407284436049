// What Flex expects from the IdP for the configured profile: its SP entity ID (the Audience) and ACS.
import { flexAcsUrl, flexAudience, type FlexProfileIds } from '../../flex/profile.ts';
import type { FlexConsoleConfig } from '../config/schema.ts';

export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface FlexTarget {
  profile: 'enhanced' | 'legacy';
  audience: string;
  acs: string;
}

export function flexTarget(flex: FlexConsoleConfig | undefined): FlexTarget | undefined {
  if (!flex) return undefined;
  const ids: FlexProfileIds | undefined =
    flex.profile === 'enhanced' && flex.connectionId
      ? { kind: 'enhanced', connectionId: flex.connectionId }
      : flex.profile === 'legacy' && flex.accountSid
        ? { kind: 'legacy', accountSid: flex.accountSid }
        : undefined;
  return ids && { profile: ids.kind, audience: flexAudience(ids), acs: flexAcsUrl(ids) };
}
