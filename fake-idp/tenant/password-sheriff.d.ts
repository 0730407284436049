// Types for password-sheriff 2.0.0 (Auth0's password policy library, which has none of its own):
// only what password-policy.ts uses.
declare module 'password-sheriff' {
  interface Charset {
    explain(): { message: string; code: string };
    test(password: string): boolean;
  }
  interface RuleReport {
    message: string;
    code: string;
    format?: (string | number)[];
    verified: boolean;
    items?: RuleReport[];
  }
  interface RuleSet {
    length?: { minLength: number };
    contains?: { expressions: Charset[] };
    containsAtLeast?: { atLeast: number; expressions: Charset[] };
    identicalChars?: { max: number };
  }
  interface PasswordPolicy {
    check(password: string): boolean;
    missing(password: string): { rules: RuleReport[]; verified: boolean };
  }
  interface Sheriff {
    (policyName: string): { check(password: string): boolean };
    PasswordPolicy: new (rules: RuleSet) => PasswordPolicy;
    charsets: { upperCase: Charset; lowerCase: Charset; numbers: Charset; specialCharacters: Charset };
  }
  const sheriff: Sheriff;
  export default sheriff;
  export type { RuleReport, RuleSet };
}
