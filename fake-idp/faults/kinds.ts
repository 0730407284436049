// The faults the emulator can inject into a login: one list, read by the admin endpoint (./router.ts)
// and by the scenario schema (harness), so that a scenario can name exactly what the emulator does.
// Data only: the scenario loader imports it without pulling in the server.
import type { Fault } from '../tenant/types.ts';

export const FAULT_KINDS = [
  'unsigned',
  'wrong-key',
  'wrong-audience',
  'wrong-recipient',
  'wrong-destination',
  'expired',
  'not-yet-valid',
  'missing-attribute',
  'delay',
  'http-500',
  'key-rotated',
] as const satisfies readonly Fault['kind'][];
