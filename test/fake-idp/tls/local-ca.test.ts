import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureLocalCa } from '../../../fake-idp/tls/local-ca.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-ca-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** GET https://host:port/ trusting only `ca`; resolves the status or rejects with the TLS error. */
function getWith(ca: string, host: string, port: number, servername?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/', ca, ...(servername ? { servername } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(keyPem: string, certPem: string): Promise<{ server: Server; port: number }> {
  const server = createServer({ key: keyPem, cert: certPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('ensureLocalCa', () => {
  it('creates a CA in the directory and reuses it on the next call', async () => {
    const first = await ensureLocalCa(dir);
    const ca = new X509Certificate(first.caCertPem);
    expect(ca.ca).toBe(true);
    expect(first.caFile).toBe(join(dir, 'ca-cert.pem'));
    expect(await readFile(first.caFile, 'utf8')).toBe(first.caCertPem);
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o077).toBe(0);
    const second = await ensureLocalCa(dir);
    expect(second.caCertPem).toBe(first.caCertPem);
  });

  it('replaces a corrupt stored CA instead of failing', async () => {
    const first = await ensureLocalCa(dir);
    await writeFile(first.caFile, 'not a certificate');
    const again = await ensureLocalCa(dir);
    expect(new X509Certificate(again.caCertPem).ca).toBe(true);
    expect(again.caCertPem).not.toBe(first.caCertPem);
  });

  it('issues server certificates with SANs for 127.0.0.1 and localhost, signed by the CA', async () => {
    const local = await ensureLocalCa(dir);
    const { certPem } = local.issueServerCert(['localhost'], ['127.0.0.1']);
    const cert = new X509Certificate(certPem);
    expect(cert.checkIssued(new X509Certificate(local.caCertPem))).toBe(true);
    expect(cert.verify(new X509Certificate(local.caCertPem).publicKey)).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('example.com')).toBeUndefined();
    expect(cert.ca).toBe(false);
  });

  it('is trusted by a TLS client that trusts the CA, for the IP and for localhost', async () => {
    const local = await ensureLocalCa(dir);
    const { keyPem, certPem } = local.issueServerCert(['localhost'], ['127.0.0.1']);
    const { server, port } = await serve(keyPem, certPem);
    try {
      expect(await getWith(local.caCertPem, '127.0.0.1', port)).toBe(200);
      expect(await getWith(local.caCertPem, '127.0.0.1', port, 'localhost')).toBe(200);
    } finally {
      await close(server);
    }
  });

  it('is rejected by a client trusting another CA, and for a name not in the SAN', async () => {
    const local = await ensureLocalCa(dir);
    const otherDir = await mkdtemp(join(tmpdir(), 'other-ca-'));
    try {
      const other = await ensureLocalCa(otherDir);
      const { keyPem, certPem } = local.issueServerCert(['localhost'], ['127.0.0.1']);
      const { server, port } = await serve(keyPem, certPem);
      try {
        await expect(getWith(other.caCertPem, '127.0.0.1', port)).rejects.toThrow(/certificate/i);
        await expect(getWith(local.caCertPem, '127.0.0.1', port, 'flex.example.com')).rejects.toThrow(/altnames|Hostname/i);
      } finally {
        await close(server);
      }
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
