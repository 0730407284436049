// The scenario model: one login by one user through one Action, and what Flex must receive.
import { z } from 'zod';
import { CHECK_IDS } from '../../fake-sp/pipeline/types.ts';
import { samlpAddon } from '../../fake-idp/management/schemas.ts';
import { DependencySpecError, MAX_ACTION_DEPENDENCIES, parseDependencySpec } from '../../fake-idp/actions/dependencies.ts';
import { fetchStubsSchema } from '../../fake-idp/actions/fetch-stubs.ts';
// The fault kinds a scenario may name are the emulator's own (one list).
import { FAULT_KINDS } from '../../fake-idp/faults/kinds.ts';

export const BUILTIN_ACTIONS = ['pattern-a', 'pattern-b', 'twilio-reference'] as const;
export const OUTCOMES = ['login', 'sp-rejected', 'idp-error', 'wrong-password', 'user-blocked', 'mfa-required', 'captcha'] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug (lower-case letters, digits and single dashes)');

/** `app_metadata` in the seeds' schema; other keys pass through untouched. */
const flexMetadata = z.looseObject({
  roles: z.array(z.string()).optional(),
  team: z.string().optional(),
});
const appMetadata = z.looseObject({
  flex: flexMetadata.optional(),
  program: z.string().optional(),
});

const user = z.strictObject({
  email: z.email(),
  /** Omitted (or empty) → Auth0 sets name = email, so the Actions never reach their given/family fallback. */
  name: z.string().optional(),
  given_name: z.string().min(1).optional(),
  family_name: z.string().min(1).optional(),
  /** Omitted → a random password is generated for the run. */
  password: z.string().min(8).optional(),
  email_verified: z.boolean().default(true),
  app_metadata: appMetadata.default({}),
  user_metadata: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Auth0 `addons.samlp` fields a scenario may override: the emulator's own addon schema, strict here so
 * a typo is caught. `audience: null` configures an addon WITHOUT an audience (the default sets Flex's).
 */
const addon = z.strictObject({ ...samlpAddon.shape, audience: z.string().nullable().optional() });

/** A fault the emulator applies to this scenario's login only (its user, once). */
const fault = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    attribute: z.string().optional(),
    delayMs: z.number().int().nonnegative().optional(),
    /**
     * key-rotated: the certificates the fake SP (Flex) pins for this login — `current` (the tenant's
     * certificate before the rotation, the default) or `current-and-next` (the next certificate pasted
     * into Flex before the rotation, as GET /api/v2/keys/signing lists it).
     */
    spPins: z.enum(['current', 'current-and-next']).optional(),
  })
  .refine((f) => f.spPins === undefined || f.kind === 'key-rotated', { message: 'spPins applies only to kind key-rotated', path: ['spPins'] });

/** `name@version`, as Auth0 declares an Action's npm dependency (docs "Manage dependencies"). */
const dependencySpec = z.string().transform((spec, ctx) => {
  try {
    return parseDependencySpec(spec);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof DependencySpecError ? `${error.message}; ${error.hint}` : String(error) });
    return z.NEVER;
  }
});

/**
 * Emulator only: the tenant's login protections for this scenario (each scenario starts from a new
 * tenant's defaults). `mfa` enables the one-time-password factor with a Guardian policy (`never`:
 * only an Action's api.multifactor.enable asks); `botDetection` sets the CAPTCHA policy of password
 * logins and its IP AllowList; `priorFailedLogins` records failed logins of the user from the
 * browser's IP (127.0.0.1) before this one, for brute-force protection.
 */
const protections = z.strictObject({
  mfa: z.strictObject({ policy: z.enum(['never', 'all-applications', 'confidence-score']).default('never') }).optional(),
  botDetection: z
    .strictObject({
      challenge_password_policy: z.enum(['never', 'when_risky', 'always']),
      allowlist: z.array(z.string()).default([]),
    })
    .optional(),
  priorFailedLogins: z.number().int().min(1).max(100).optional(),
});

/** Exact single value, exact list of values, or `absent`. `roles` is compared as a set. */
const expectedAttribute = z.union([z.string(), z.array(z.string()).min(1)]);

/** A scenario's `expect`: also parsed when a running `serve` hands one to `flex-sso login`. */
export const expectation = z
  .strictObject({
    outcome: z.enum(OUTCOMES),
    /** sp-rejected: the checks that must fail. */
    checks: z.array(z.enum(CHECK_IDS)).min(1).optional(),
    attributes: z.record(z.string(), expectedAttribute).default({}),
    /** wrong-password: the password typed instead of the user's. */
    password: z.string().optional(),
    /** Text each of which must appear in one of the verdict's warnings (findings that do not reject the login). */
    warnings: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === 'sp-rejected' && !value.checks) {
      ctx.addIssue({ code: 'custom', path: ['checks'], message: 'expected the ids of the checks that must fail for outcome sp-rejected' });
    }
    if (value.outcome !== 'sp-rejected' && value.checks) {
      ctx.addIssue({ code: 'custom', path: ['checks'], message: `checks apply only to outcome sp-rejected, received outcome ${value.outcome}` });
    }
    if (value.password !== undefined && value.outcome !== 'wrong-password') {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'password applies only to outcome wrong-password' });
    }
  });

export const scenarioSchema = z.strictObject({
  id: slug,
  title: z.string().min(1),
  tags: z.array(z.string()).default([]),
  /** A built-in Action or a path to an Action file relative to the scenario file. */
  action: z.string().min(1),
  /** npm packages the Action requires (`name@version`), installed into the emulator's cache before any login. */
  dependencies: z
    .array(dependencySpec)
    .max(MAX_ACTION_DEPENDENCIES, `an Action may have at most ${MAX_ACTION_DEPENDENCIES} npm dependencies (Auth0's limit)`)
    .default([]),
  /** What the Action's fetch answers in the emulator (it has no network at login time). */
  fetch: fetchStubsSchema.default([]),
  user,
  flow: z.enum(['idp-initiated', 'sp-initiated']).default('idp-initiated'),
  loginPage: z.enum(['single-page', 'identifier-first', 'classic-lock']).default('single-page'),
  profile: z.enum(['enhanced', 'legacy']).default('enhanced'),
  addon: addon.default({}),
  fault: fault.optional(),
  protections: protections.optional(),
  expect: expectation,
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type Outcome = (typeof OUTCOMES)[number];
export type ScenarioProtections = z.output<typeof protections>;
export type ExpectedAttribute = z.output<typeof expectedAttribute>;

/** A validated scenario plus where it came from and which Action file it runs. */
export interface Scenario extends ScenarioSpec {
  /** Path of the YAML file, as given to the loader. */
  file: string;
  /** 1-based line of the scenario in its file. */
  line: number;
  /** Absolute path of the Action's JavaScript file. */
  actionFile: string;
}
