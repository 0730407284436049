// Types for xml-name-validator 5 (jsdom), which ships none: the XML 1.0 `Name` and `QName` productions.
declare module 'xml-name-validator' {
  export function name(potentialName: string): boolean;
  export function qname(potentialQname: string): boolean;
}
