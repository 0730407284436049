// A router whose modules load on its first request. The Management API and the fault endpoint are
// unused by most emulator runs (the scenario matrix seeds the tenant in process), and their request
// schemas (zod) are a good part of the emulator's start-up time.
import type { RequestHandler } from 'express';

export function lazyRouter(load: () => Promise<RequestHandler>): RequestHandler {
  let loading: Promise<RequestHandler> | undefined;
  return (req, res, next) => {
    loading ??= load();
    loading.then((handler) => handler(req, res, next), next);
  };
}
