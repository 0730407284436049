// Request bodies of the login-protection endpoints (attack protection, Guardian, connections),
// with the fields and enums of Auth0's Management API; unknown properties are rejected.
import { z } from 'zod';

const captchaPolicy = z.enum(['never', 'when_risky', 'always']);

export const bruteForceBody = z.strictObject({
  enabled: z.boolean().optional(),
  shields: z.array(z.enum(['block', 'user_notification'])).optional(),
  allowlist: z.array(z.string()).optional(),
  mode: z.enum(['count_per_identifier_and_ip', 'count_per_identifier']).optional(),
  max_attempts: z.number().int().optional(),
});

export const botDetectionBody = z.strictObject({
  bot_detection_level: z.enum(['low', 'medium', 'high']).optional(),
  challenge_password_policy: captchaPolicy.optional(),
  challenge_passwordless_policy: captchaPolicy.optional(),
  challenge_password_reset_policy: captchaPolicy.optional(),
  allowlist: z.array(z.string()).optional(),
  monitoring_mode_enabled: z.boolean().optional(),
});

export const mfaPoliciesBody = z.array(z.enum(['all-applications', 'confidence-score']));

export const factorBody = z.strictObject({ enabled: z.boolean() });

export const passwordPolicyLevel = z.enum(['none', 'low', 'fair', 'good', 'excellent']);

export const updateConnectionBody = z.strictObject({
  options: z
    .looseObject({
      passwordPolicy: passwordPolicyLevel.nullable().optional(),
      password_complexity_options: z.looseObject({ min_length: z.number().int().min(1).max(72).optional() }).optional(),
      brute_force_protection: z.boolean().optional(),
    })
    .optional(),
  enabled_clients: z.array(z.string()).optional(),
});
