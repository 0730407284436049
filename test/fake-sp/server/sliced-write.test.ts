// A large answer (a verdict carrying its decoded XML) is written a slice per event-loop turn
// (fake-sp/server/sliced-write.ts), so other requests are served between the slices. Ordering, not
// timing: work queued on the event loop after the answer starts runs before the answer finishes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { endInSlices } from '../../../fake-sp/server/sliced-write.ts';

let server: http.Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (server) {
        server.close(() => resolve());
        server.closeAllConnections();
      } else resolve();
    }),
);

/** A server answering every request with `parts` through endInSlices; `onAnswer` sees each response. */
async function serve(parts: Uint8Array[], sliceBytes: number, onAnswer: (res: http.ServerResponse) => void): Promise<string> {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': parts.reduce((n, p) => n + p.byteLength, 0) });
    endInSlices(res, parts, sliceBytes);
    onAnswer(res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('endInSlices', () => {
  it('sends every byte in order, and the event loop runs other work before the answer is finished', async () => {
    const body = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => i % 251));
    const parts = [Buffer.from('head:'), body.subarray(0, 100_000), body.subarray(100_000), Buffer.from(':tail')];
    const order: string[] = [];
    const url = await serve(parts, 16 * 1024, (res) => {
      setImmediate(() => order.push('other work'));
      res.on('finish', () => order.push('answer finished'));
    });
    const received = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(received.equals(Buffer.concat(parts))).toBe(true);
    expect(order).toEqual(['other work', 'answer finished']);
  });

  it('stops writing when the client has gone, without an error', async () => {
    let closed: Promise<void> = Promise.resolve();
    const url = await serve([Buffer.alloc(4 * 1024 * 1024, 1)], 16 * 1024, (res) => {
      closed = new Promise((resolve) => res.on('close', () => resolve()));
    });
    const controller = new AbortController();
    const res = await fetch(url, { signal: controller.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    controller.abort();
    await closed;
    expect(server?.listening).toBe(true);
  });

  it('ends an answer of one small part at once', async () => {
    const url = await serve([Buffer.from('{"ok":true}')], 16 * 1024, () => undefined);
    expect(await (await fetch(url)).json()).toEqual({ ok: true });
  });
});
