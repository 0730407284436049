// Types for xml-encryption 6 (Auth0's XML-Enc library, the one auth0/node-saml lib/xml/encrypt.js
// uses), which ships none: only the `encrypt` call the emulator makes.
declare module 'xml-encryption' {
  export interface EncryptOptions {
    rsa_pub: string;
    pem: string;
    encryptionAlgorithm: string;
    keyEncryptionAlgorithm: string;
    disallowEncryptionWithInsecureAlgorithm?: boolean;
    warnInsecureAlgorithm?: boolean;
  }
  export function encrypt(content: string, options: EncryptOptions, callback: (error: Error | null, result: string) => void): void;
  const xmlenc: { encrypt: typeof encrypt };
  export default xmlenc;
}
