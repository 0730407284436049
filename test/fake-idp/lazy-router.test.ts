import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { lazyRouter } from '../../fake-idp/lazy-router.ts';

async function withApp(handler: RequestHandler, run: (url: string) => Promise<void>): Promise<void> {
  const app = express();
  app.use('/lazy', handler);
  app.use(((err, _req, res, _next) => {
    res.status(500).json({ error: (err as Error).message });
  }) as express.ErrorRequestHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/lazy`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('lazyRouter', () => {
  it('loads the router on the first request only, then serves every request with it', async () => {
    let loads = 0;
    const handler = lazyRouter(async () => {
      loads += 1;
      const router = express.Router();
      router.get('/ping', (_req, res) => {
        res.json({ pong: true });
      });
      return router;
    });
    expect(loads).toBe(0);
    await withApp(handler, async (url) => {
      const [a, b] = await Promise.all([fetch(`${url}/ping`), fetch(`${url}/ping`)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await (await fetch(`${url}/ping`)).json()).toEqual({ pong: true });
    });
    expect(loads).toBe(1);
  });

  it('passes a failed load to the error handler instead of hanging the request', async () => {
    const handler = lazyRouter(() => Promise.reject(new Error('module missing')));
    await withApp(handler, async (url) => {
      const res = await fetch(`${url}/anything`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'module missing' });
    });
  });
});
