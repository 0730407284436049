// What an Action's `fetch` gets in the emulator: the answers a scenario declares (`fetch:`), because
// the emulator has no network at login time. Matching lives in the worker
// (./host/fetch-stubs.js); this is the shape every caller validates against.
import { z } from 'zod';

const METHOD = z
  .string()
  .regex(/^(?:[A-Za-z]+)$/, 'expected an HTTP method such as GET or POST, or ANY')
  .transform((m) => m.toUpperCase());

export const fetchStubSchema = z
  .strictObject({
    /** Exact URL, or a prefix ending in `*`. */
    url: z
      .string()
      .min(1)
      .refine((url) => {
        try {
          new URL(url.endsWith('*') ? url.slice(0, -1) || 'x:' : url);
          return true;
        } catch {
          return false;
        }
      }, 'expected an absolute URL (or a prefix ending in *)'),
    method: METHOD.default('GET'),
    status: z.number().int().min(200).max(599).default(200),
    statusText: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    json: z.unknown().optional(),
    body: z.string().optional(),
  })
  .refine((stub) => !(stub.json !== undefined && stub.body !== undefined), { message: 'give json or body, not both' });

export type FetchStub = z.output<typeof fetchStubSchema>;
export const fetchStubsSchema = z.array(fetchStubSchema).max(100);
