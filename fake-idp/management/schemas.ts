// Request bodies the emulated Management API accepts, with the types Auth0 documents. Unknown
// properties are rejected (as Auth0 does), naming the property, so a typo never passes silently.
import { z } from 'zod';
import { checkDependency, MAX_ACTION_DEPENDENCIES } from '../actions/dependencies.ts';

const metadata = z.record(z.string(), z.unknown());

export const createUserBody = z.strictObject({
  connection: z.string(),
  email: z.string(),
  password: z.string(),
  email_verified: z.boolean().optional(),
  verify_email: z.boolean().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  nickname: z.string().optional(),
  picture: z.string().optional(),
  user_id: z.string().optional(),
  blocked: z.boolean().optional(),
  app_metadata: metadata.optional(),
  user_metadata: metadata.optional(),
});

// An update takes the same fields as a create, all optional, except user_id (fixed at creation),
// plus client_id; metadata may be null (Auth0 deletes it).
export const updateUserBody = createUserBody.omit({ user_id: true }).partial().extend({
  client_id: z.string().optional(),
  app_metadata: metadata.nullable().optional(),
  user_metadata: metadata.nullable().optional(),
});

/** The SAML2 Web App addon. Auth0 stores unknown keys too; the known ones are type-checked. */
export const samlpAddon = z.looseObject({
  audience: z.string().optional(),
  recipient: z.string().optional(),
  destination: z.string().optional(),
  issuer: z.string().optional(),
  // A value may list several attribute names (Auth0 docs saml-attribute-mapping-examples).
  mappings: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  createUpnClaim: z.boolean().optional(),
  passthroughClaimsWithNoMapping: z.boolean().optional(),
  mapUnknownClaimsAsIs: z.boolean().optional(),
  mapIdentities: z.boolean().optional(),
  signResponse: z.boolean().optional(),
  signatureAlgorithm: z.enum(['rsa-sha256', 'rsa-sha1']).optional(),
  digestAlgorithm: z.enum(['sha256', 'sha1']).optional(),
  lifetimeInSeconds: z.number().int().positive().optional(),
  nameIdentifierFormat: z.string().optional(),
  nameIdentifierProbes: z.array(z.string()).optional(),
  authnContextClassRef: z.string().optional(),
  typedAttributes: z.boolean().optional(),
  includeAttributeNameFormat: z.boolean().optional(),
  binding: z.string().optional(),
  logout: z.object({ callback: z.string().optional(), slo_enabled: z.boolean().optional() }).optional(),
});

export const updateClientBody = z.strictObject({
  name: z.string().min(1).optional(),
  app_type: z.enum(['regular_web', 'non_interactive', 'spa', 'native']).optional(),
  callbacks: z.array(z.string()).optional(),
  grant_types: z.array(z.string()).optional(),
  addons: z.strictObject({ samlp: samlpAddon.nullable().optional() }).optional(),
});

const secrets = z.array(z.strictObject({ name: z.string().min(1), value: z.string() }));
const triggers = z.array(z.strictObject({ id: z.literal('post-login'), version: z.string() }));
// Auth0's ActionModuleDependencyRequest: name ≤ 255, version ≤ 50 characters; at most 10 per Action
// (docs "Actions limitations"). The emulator also refuses what npm could not install.
const dependency = z.strictObject({ name: z.string().min(1).max(255), version: z.string().min(1).max(50) }).superRefine((dep, ctx) => {
  try {
    checkDependency(dep);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});
const dependencies = z.array(dependency).max(MAX_ACTION_DEPENDENCIES, `an Action may have at most ${MAX_ACTION_DEPENDENCIES} npm dependencies`);

export const createActionBody = z.strictObject({
  name: z.string().min(1),
  code: z.string(),
  supported_triggers: triggers.optional(),
  runtime: z.string().optional(),
  secrets: secrets.optional(),
  dependencies: dependencies.optional(),
});

export const updateActionBody = createActionBody.partial();

export const updateBindingsBody = z.strictObject({
  bindings: z.array(
    z.strictObject({
      ref: z.strictObject({ type: z.enum(['action_id', 'action_name']), value: z.string().min(1) }),
      display_name: z.string().optional(),
      secrets: z.array(z.unknown()).optional(),
    }),
  ),
});

export const roleBody = z.strictObject({ name: z.string().min(1), description: z.string().optional() });
export const updateRoleBody = roleBody.partial();
export const roleIdsBody = z.strictObject({ roles: z.array(z.string().min(1)) });
export const userIdsBody = z.strictObject({ users: z.array(z.string().min(1)).min(1) });

const intParam = z.coerce.number().int();
const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listQuery = z.looseObject({
  page: intParam.min(0).optional(),
  per_page: intParam.min(1).max(100).optional(),
  include_totals: boolParam.optional(),
  q: z.string().optional(),
  search: z.string().optional(),
  from: z.string().optional(),
  take: intParam.min(1).max(100).optional(),
  sort: z.string().optional(),
  actionName: z.string().optional(),
  deployed: boolParam.optional(),
  force: boolParam.optional(),
  name_filter: z.string().optional(),
});
