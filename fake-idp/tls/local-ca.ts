// A local certificate authority for serving the emulator over HTTPS. The auth0 SDK always calls
// https://{domain}, so clients must trust this CA: start them with NODE_EXTRA_CA_CERTS=<caFile>
// (Node reads that variable only at process start).
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueCertificate } from './certificate.ts';

export interface LocalCa {
  caCertPem: string;
  /** Path of the CA certificate PEM, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  issueServerCert(hostnames: string[], ips: string[]): { keyPem: string; certPem: string };
}

const CA_COMMON_NAME = 'flex-sso-harness local CA';
const CA_YEARS = 10;
const SERVER_DAYS = 30;
const DAY_MS = 86_400_000;

function newEcKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode });
  await rename(tmp, path);
}

/** Whether a stored CA is still usable: parses, is a CA, and is valid for at least another day. */
function usableCa(certPem: string, now: Date): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return cert.ca && new Date(cert.validTo).getTime() > now.getTime() + DAY_MS;
  } catch {
    return false;
  }
}

/** Loads the CA kept in `dir` (ca-cert.pem, ca-key.pem) or creates it there; reused across runs
 * so a user trusts it once. */
export async function ensureLocalCa(dir: string, now: () => Date = () => new Date()): Promise<LocalCa> {
  await mkdir(dir, { recursive: true });
  const caFile = join(dir, 'ca-cert.pem');
  const keyFile = join(dir, 'ca-key.pem');
  let certPem = await readIfPresent(caFile);
  let keyPem = await readIfPresent(keyFile);
  if (!certPem || !keyPem || !usableCa(certPem, now())) {
    keyPem = newEcKeyPem();
    const start = now();
    certPem = issueCertificate({
      subjectCommonName: CA_COMMON_NAME,
      subjectKeyPem: keyPem,
      notBefore: new Date(start.getTime() - DAY_MS),
      notAfter: new Date(start.getTime() + CA_YEARS * 365 * DAY_MS),
      isCa: true,
    });
    await writeAtomic(keyFile, keyPem, 0o600);
    await writeAtomic(caFile, certPem, 0o644);
  }
  const issuer = { commonName: CA_COMMON_NAME, keyPem, certPem };
  return {
    caCertPem: certPem,
    caFile,
    issueServerCert(hostnames, ips) {
      const serverKey = newEcKeyPem();
      const start = now();
      const leaf = issueCertificate({
        subjectCommonName: hostnames[0] ?? ips[0] ?? 'localhost',
        subjectKeyPem: serverKey,
        issuer,
        notBefore: new Date(start.getTime() - DAY_MS),
        notAfter: new Date(start.getTime() + SERVER_DAYS * DAY_MS),
        dnsNames: hostnames,
        ipAddresses: ips,
        serverAuth: true,
      });
      return { keyPem: serverKey, certPem: leaf };
    },
  };
}
