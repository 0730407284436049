// The real auth0 SDK v7 ManagementClient against the emulator's login-protection endpoints: the
// calls flex-sso makes on a tenant (userBlocks.delete before a staging run; the attack protection
// and Guardian reads of `doctor`). Run in a child process by sdk-protections.test.ts (see sdk.test.ts
// for why). Prints one JSON line; exits 1 on any failure.
import { ManagementClient } from 'auth0';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`missing env ${name}`);
  return value;
};

const management = new ManagementClient({ domain: env('SDK_DOMAIN'), clientId: env('SDK_CLIENT_ID'), clientSecret: env('SDK_CLIENT_SECRET') });

async function main() {
  const userId = env('SDK_BLOCKED_USER_ID');
  const identifier = env('SDK_BLOCKED_IDENTIFIER');
  const byId = await management.userBlocks.list(userId);
  const byIdentifier = await management.userBlocks.listByIdentifier({ identifier });
  await management.userBlocks.delete(userId);
  const afterDelete = await management.userBlocks.list(userId);
  const otherIdentifier = env('SDK_OTHER_IDENTIFIER');
  const otherBefore = await management.userBlocks.listByIdentifier({ identifier: otherIdentifier });
  await management.userBlocks.deleteByIdentifier({ identifier: otherIdentifier });
  const otherAfter = await management.userBlocks.listByIdentifier({ identifier: otherIdentifier });
  const bruteForce = await management.attackProtection.bruteForceProtection.get();
  const botDetection = await management.attackProtection.botDetection.get();
  const policies = await management.guardian.policies.list();
  const factors = await management.guardian.factors.list();
  process.stdout.write(
    `${JSON.stringify({
      byId: byId.blocked_for,
      byIdentifier: byIdentifier.blocked_for,
      afterDelete: afterDelete.blocked_for,
      otherBefore: otherBefore.blocked_for?.length,
      otherAfter: otherAfter.blocked_for,
      bruteForce,
      botDetection: { challenge_password_policy: botDetection.challenge_password_policy, allowlist: botDetection.allowlist },
      policies,
      otp: factors.find((f) => f.name === 'otp')?.enabled,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  const e = err as { message?: string; statusCode?: number; body?: unknown };
  process.stderr.write(`sdk-protections-client failed: ${e.message} ${e.statusCode ?? ''} ${JSON.stringify(e.body ?? '')}\n`);
  process.exit(1);
});
