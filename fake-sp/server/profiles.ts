// The fake SP's Flex profiles: the ACS path and audience each one implies come from flex/profile.ts
// (the fake SP serves Flex's own paths, and the Legacy audience is the real Twilio value because that is
// what the Auth0 addon is configured with); Enhanced answers 302, Legacy 303.
import { flexAcsPath, flexAudience, profileSid, type FlexProfileIds, type FlexProfileKind } from '../../flex/profile.ts';
import { FakeSpConfigError } from './errors.ts';
import { profileSettings, type FlexProfileSettings } from './profile-settings.ts';

/** Enhanced: connectionId JQ + 32 hex; Legacy: accountSid AC + 32 hex; plus the profile's settings. */
export type FlexProfileConfig = FlexProfileIds & Partial<FlexProfileSettings>;

export interface ResolvedProfile {
  kind: FlexProfileKind;
  /** The connection id (Enhanced) or account SID (Legacy) in the ACS URL. */
  sid: string;
  acsPath: string;
  acsUrl: string;
  audience: string;
  /** HTTP status of a successful ACS answer (what Flex answers). */
  successStatus: 302 | 303;
  /** allowIdpInitiated, requireRelayState (profile-settings.ts, with their documented defaults). */
  settings: FlexProfileSettings;
}

const CONNECTION_ID = /^JQ[0-9a-fA-F]{32}$/;
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

export function isProfileKind(value: unknown): value is FlexProfileKind {
  return value === 'enhanced' || value === 'legacy';
}

/** Throws FakeSpConfigError on a malformed or duplicated profile. */
export function checkProfiles(profiles: readonly FlexProfileConfig[]): void {
  if (!Array.isArray(profiles) || profiles.length === 0) {
    throw new FakeSpConfigError(
      'SP_NO_PROFILE',
      'fake SP options.profiles: expected at least one Flex profile, received none',
      "add { kind: 'enhanced', connectionId: 'JQ…' } and/or { kind: 'legacy', accountSid: 'AC…' }",
    );
  }
  const seen = new Set<string>();
  profiles.forEach((p, i) => {
    const where = `fake SP options.profiles[${i}]`;
    if (p?.kind === 'enhanced') {
      if (typeof p.connectionId !== 'string' || !CONNECTION_ID.test(p.connectionId)) {
        throw new FakeSpConfigError(
          'SP_BAD_CONNECTION_ID',
          `${where}.connectionId: expected "JQ" + 32 hex digits, received ${JSON.stringify(p.connectionId)}`,
          'copy the connection id (JQ…) from the Flex console, Single sign-on (SSO) settings',
        );
      }
    } else if (p?.kind === 'legacy') {
      if (typeof p.accountSid !== 'string' || !ACCOUNT_SID.test(p.accountSid)) {
        throw new FakeSpConfigError(
          'SP_BAD_ACCOUNT_SID',
          `${where}.accountSid: expected "AC" + 32 hex digits, received ${JSON.stringify(p.accountSid)}`,
          'copy the Account SID (AC…) from the Twilio console',
        );
      }
    } else {
      throw new FakeSpConfigError(
        'SP_BAD_PROFILE_KIND',
        `${where}.kind: expected "enhanced" or "legacy", received ${JSON.stringify((p as { kind?: unknown } | undefined)?.kind)}`,
        'use kind "enhanced" (Flex Enhanced SSO, connection JQ…) or "legacy" (Legacy SSO, account AC…)',
      );
    }
    for (const setting of ['allowIdpInitiated', 'requireRelayState'] as const) {
      const value = (p as Partial<FlexProfileSettings>)[setting];
      if (value !== undefined && typeof value !== 'boolean') {
        throw new FakeSpConfigError(
          'SP_BAD_PROFILE_SETTING',
          `${where}.${setting}: expected true or false, received ${JSON.stringify(value)}`,
          `omit it for the documented default (${setting} true) or set a boolean`,
        );
      }
    }
    const key = profileSid(p);
    if (seen.has(key)) {
      throw new FakeSpConfigError('SP_DUPLICATE_PROFILE', `${where}: ${key} is configured twice`, 'list each connection id / account SID once');
    }
    seen.add(key);
  });
}

export function resolveProfile(p: FlexProfileConfig, baseUrl: string): ResolvedProfile {
  const acsPath = flexAcsPath(p);
  return {
    kind: p.kind,
    sid: profileSid(p),
    acsPath,
    acsUrl: baseUrl + acsPath,
    audience: flexAudience(p),
    successStatus: p.kind === 'enhanced' ? 302 : 303,
    settings: profileSettings(p),
  };
}

export function findProfile(profiles: readonly ResolvedProfile[], kind: FlexProfileKind, sid: unknown): ResolvedProfile | undefined {
  return profiles.find((p) => p.kind === kind && p.sid === sid);
}

/**
 * The query that selects exactly this profile on `/login` and `/metadata` (kind plus its id), so a
 * URL built with it answers even when several profiles are configured.
 */
export function profileQuery(p: ResolvedProfile): string {
  return p.kind === 'enhanced' ? `profile=enhanced&connection=${p.sid}` : `profile=legacy&account=${p.sid}`;
}

/** The first profile of each kind (what RunningSp.acsUrls / audiences expose). */
export function firstOfEachKind(profiles: readonly ResolvedProfile[]): { enhanced?: ResolvedProfile; legacy?: ResolvedProfile } {
  return {
    enhanced: profiles.find((p) => p.kind === 'enhanced'),
    legacy: profiles.find((p) => p.kind === 'legacy'),
  };
}
