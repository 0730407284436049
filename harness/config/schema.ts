// flex-sso.config.yaml: non-secret settings. Secrets (management client secret) come from the environment.
import { z } from 'zod';

const connectionId = z.string().regex(/^JQ[0-9a-fA-F]{32}$/, 'expected JQ followed by 32 hex digits (Flex console → Single Sign-On)');
const accountSid = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hex digits (Twilio console)');

export const flexSchema = z
  .object({
    profile: z.enum(['enhanced', 'legacy']).default('enhanced'),
    connectionId: connectionId.optional(),
    accountSid: accountSid.optional(),
    /** Flex console values (Single Sign-On page), compared by `doctor` with the tenant. */
    idpIssuer: z.string().min(1).optional(),
    certificateFile: z.string().min(1).optional(),
    ssoUrl: z.url().optional(),
  })
  .strict()
  .superRefine((flex, ctx) => {
    if (flex.profile === 'enhanced' && !flex.connectionId)
      ctx.addIssue({ code: 'custom', path: ['connectionId'], message: 'required for the enhanced profile' });
    if (flex.profile === 'legacy' && !flex.accountSid) ctx.addIssue({ code: 'custom', path: ['accountSid'], message: 'required for the legacy profile' });
  });

export const configSchema = z
  .object({
    mode: z.enum(['emulator', 'staging', 'intercept']).default('emulator'),
    auth0: z
      .object({
        /** Tenant domain; AUTH0_DOMAIN overrides it. */
        domain: z.string().min(1).optional(),
        samlClientId: z.string().min(1).optional(),
        /** E-mail domain of users the harness owns; provisioning and cleanup touch nothing else. */
        testUserDomain: z
          .string()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a domain such as flex-sso.test')
          .default('flex-sso.test'),
        connection: z.string().min(1).default('Username-Password-Authentication'),
      })
      .strict()
      .default({ testUserDomain: 'flex-sso.test', connection: 'Username-Password-Authentication' }),
    flex: flexSchema.optional(),
    sp: z
      .object({
        port: z.number().int().min(0).max(65535).default(0),
        storeDir: z.string().min(1).default('.flex-sso/sp'),
        skewSeconds: z.number().int().min(0).max(3600).default(120),
      })
      .strict()
      .default({ port: 0, storeDir: '.flex-sso/sp', skewSeconds: 120 }),
    /**
     * Glob of the project's scenario files, relative to this file's directory: what every command
     * uses without --scenarios (harness/scenarios/default-source.ts). Absent: the harness's shipped scenarios.
     */
    scenarios: z.string().min(1).optional(),
    reports: z.string().min(1).default('reports'),
  })
  .strict();

export type FlexSsoConfig = z.infer<typeof configSchema>;
export type FlexConsoleConfig = z.infer<typeof flexSchema>;
