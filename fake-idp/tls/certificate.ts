// Synchronous X.509 v3 certificate issuance with node:crypto keys. Used for the tenant's SAML
// signing certificate (self-signed, CN=<domain>) and for the local CA and its server certificates.
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  booleanValue,
  explicit,
  implicitPrimitive,
  nullValue,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.ts';

export interface CertificateRequest {
  subjectCommonName: string;
  /** PEM public key (SPKI) or private key of the subject. */
  subjectKeyPem: string;
  /** Issuer; omitted = self-signed with the subject's own key. */
  issuer?: { commonName: string; keyPem: string; certPem: string };
  notBefore: Date;
  notAfter: Date;
  isCa?: boolean;
  dnsNames?: string[];
  ipAddresses?: string[];
  /** Adds extendedKeyUsage serverAuth (TLS server certificates). */
  serverAuth?: boolean;
}

const OID = {
  commonName: '2.5.4.3',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  extKeyUsage: '2.5.29.37',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

const name = (commonName: string): Buffer => sequence(set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));

function signatureAlgorithm(key: KeyObject): Buffer {
  if (key.asymmetricKeyType === 'rsa') return sequence(objectIdentifier(OID.sha256WithRsa), nullValue());
  if (key.asymmetricKeyType === 'ec') return sequence(objectIdentifier(OID.ecdsaWithSha256));
  throw new Error(`unsupported key type ${String(key.asymmetricKeyType)}: expected rsa or ec`);
}

/** Key identifier: SHA-1 of the whole SPKI. RFC 5280 §4.2.1.2 only asks for a unique value, and
 * hashing the SPKI avoids re-parsing DER to find the subjectPublicKey bits. */
function keyIdentifier(spkiDer: Buffer): Buffer {
  return createHash('sha1').update(spkiDer).digest();
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(objectIdentifier(oid), booleanValue(true), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number));
  if (isIP(ip) === 6) {
    const [head = '', tail = ''] = ip.split('::');
    const headParts = head ? head.split(':') : [];
    const tailParts = ip.includes('::') && tail ? tail.split(':') : [];
    const fill = ip.includes('::') ? 8 - headParts.length - tailParts.length : 0;
    const groups = [...headParts, ...Array<string>(fill).fill('0'), ...tailParts];
    return Buffer.concat(
      groups.map((g) => {
        const b = Buffer.alloc(2);
        b.writeUInt16BE(parseInt(g, 16));
        return b;
      }),
    );
  }
  throw new Error(`invalid IP address "${ip}": expected IPv4 or IPv6`);
}

function toPem(der: Buffer): string {
  const body =
    der
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export function issueCertificate(req: CertificateRequest): string {
  const subjectPublic = createPublicKey(req.subjectKeyPem);
  const subjectSpki = subjectPublic.export({ type: 'spki', format: 'der' });
  const signingKey = createPrivateKey(req.issuer?.keyPem ?? req.subjectKeyPem);
  const issuerSpki = createPublicKey(signingKey).export({ type: 'spki', format: 'der' });
  const algorithm = signatureAlgorithm(signingKey);

  const keyUsageBits = req.isCa ? Buffer.from([0x02, 0x86]) : Buffer.from([0x05, 0xa0]);
  const extensions = [
    extension(OID.basicConstraints, true, req.isCa ? sequence(booleanValue(true)) : sequence()),
    // CA: digitalSignature + keyCertSign + cRLSign; leaf: digitalSignature + keyEncipherment.
    extension(OID.keyUsage, true, Buffer.concat([Buffer.from([0x03, 0x02]), keyUsageBits])),
    extension(OID.subjectKeyId, false, octetString(keyIdentifier(subjectSpki))),
    extension(OID.authorityKeyId, false, sequence(implicitPrimitive(0, keyIdentifier(issuerSpki)))),
  ];
  const altNames = [
    ...(req.dnsNames ?? []).map((d) => implicitPrimitive(2, Buffer.from(d, 'ascii'))),
    ...(req.ipAddresses ?? []).map((ip) => implicitPrimitive(7, ipBytes(ip))),
  ];
  if (altNames.length > 0) extensions.push(extension(OID.subjectAltName, false, sequence(...altNames)));
  if (req.serverAuth) extensions.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))));

  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f; // positive, RFC 5280 §4.1.2.2
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serial),
    algorithm,
    name(req.issuer?.commonName ?? req.subjectCommonName),
    sequence(time(req.notBefore), time(req.notAfter)),
    name(req.subjectCommonName),
    subjectSpki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, signingKey);
  return toPem(sequence(tbs, algorithm, bitString(signature)));
}
