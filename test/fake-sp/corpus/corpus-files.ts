// Reads test/fixtures/corpus for the corpus tests: INDEX.json (sha256 verified on every read), the
// manifest in test/fixtures, and the certificates each entry pins.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CheckId, SpPolicy } from '../../../fake-sp/pipeline/types.ts';
import { parseCertificateFile, parseMetadataCertificates, toPem } from '../../../harness/decode/certificates.ts';

const REPO_ROOT = new URL('../../../', import.meta.url);
export const CORPUS_DIR = new URL('test/fixtures/corpus/', REPO_ROOT);
const MANIFEST_FILE = new URL('test/fixtures/corpus-manifest.json', REPO_ROOT);

export interface IndexEntry {
  path: string;
  sha256: string;
  bytes: number;
  repo: string;
  source_path: string;
}

export type Expect =
  | { valid: true; attributes?: Record<string, string[]>; nameId?: string }
  | {
      valid: false;
      /** The first check that fails. */
      failedBy: CheckId;
      code?: string;
      /** Other checks that must also fail (e.g. wrapping on duplicate IDs after xml-crypto refused them). */
      alsoFailedBy?: CheckId[];
      /** A genuine login that only misses Flex's required attributes (the IdP is not set up for Flex). */
      loginValid?: boolean;
      attributes?: Record<string, string[]>;
      nameId?: string;
    };

export interface ManifestEntry {
  path: string;
  kind: 'login' | 'logout-response' | 'wsfed' | 'attack';
  /** Certificate to pin, relative to the corpus: PEM, bare base64 .cer, IdP metadata, or (certFrom keyinfo) the response itself. */
  cert: string;
  certFrom?: 'keyinfo';
  now: string;
  audience?: string;
  acsUrl?: string;
  issuer?: string;
  requestId?: string;
  expect: Expect;
  why: string;
}

export interface Manifest {
  entries: ManifestEntry[];
  supportFiles: string[];
}

export function loadIndex(): IndexEntry[] {
  return JSON.parse(readFileSync(new URL('INDEX.json', CORPUS_DIR), 'utf8')) as IndexEntry[];
}

export function loadManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
}

export function corpusPath(path: string): string {
  return fileURLToPath(new URL(path, CORPUS_DIR));
}

const index = new Map(loadIndex().map((entry) => [entry.path, entry]));

/** Reads a corpus file and proves it is the byte-exact file INDEX.json describes. */
export function readVerified(path: string): Buffer {
  const entry = index.get(path);
  if (!entry) throw new Error(`${path} is not listed in corpus INDEX.json`);
  const bytes = readFileSync(corpusPath(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== entry.sha256 || bytes.length !== entry.bytes) {
    throw new Error(`${path}: sha256 ${sha256} (${bytes.length} bytes) differs from INDEX.json ${entry.sha256} (${entry.bytes} bytes)`);
  }
  return bytes;
}

/** The SAMLResponse as posted: base64 files as they are, raw XML base64-encoded. */
export function samlResponseOf(bytes: Buffer): string {
  const text = bytes.toString('utf8').trim();
  return text.startsWith('<') ? Buffer.from(text, 'utf8').toString('base64') : text;
}

export function xmlOf(bytes: Buffer): string {
  const text = bytes.toString('utf8').trim();
  return text.startsWith('<') ? text : Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

export function certificatesFor(entry: ManifestEntry): string[] {
  const bytes = readVerified(entry.cert);
  if (entry.certFrom === 'keyinfo') {
    const body = /X509Certificate>([^<]+)</.exec(xmlOf(bytes))?.[1];
    if (body === undefined) throw new Error(`${entry.cert} has no KeyInfo X509Certificate`);
    return parseCertificateFile(Buffer.from(toPem(body)), `KeyInfo certificate of ${entry.cert}`);
  }
  const text = bytes.toString('utf8');
  return text.includes('EntityDescriptor') ? parseMetadataCertificates(text, entry.cert).certificates : parseCertificateFile(bytes, entry.cert);
}

export function expectationsFor(entry: ManifestEntry): SpPolicy {
  return {
    certificates: certificatesFor(entry),
    ...(entry.audience === undefined ? {} : { audience: entry.audience }),
    ...(entry.acsUrl === undefined ? {} : { acsUrl: entry.acsUrl }),
    ...(entry.issuer === undefined ? {} : { issuer: entry.issuer }),
    ...(entry.requestId === undefined ? {} : { outstandingRequestIds: new Set([entry.requestId]) }),
  };
}
