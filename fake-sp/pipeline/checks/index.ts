// The pipeline as a table: CHECK_IDS order, each check with the checks it needs to have passed.
import type { CheckDefinition } from '../context.ts';
import { attributes } from './attributes.ts';
import { audience } from './audience.ts';
import { decode } from './decode.ts';
import { destination } from './destination.ts';
import { flex } from './flex.ts';
import { inResponseTo } from './inResponseTo.ts';
import { issuer } from './issuer.ts';
import { nameId } from './nameId.ts';
import { parse } from './parse.ts';
import { recipient } from './recipient.ts';
import { replay } from './replay.ts';
import { signature } from './signature.ts';
import { status } from './status.ts';
import { time } from './time.ts';
import { wrapping } from './wrapping.ts';

const TRUSTED = ['signature', 'wrapping'] as const;

export const PIPELINE: readonly CheckDefinition[] = [
  { id: 'decode', requires: [], run: decode },
  { id: 'parse', requires: ['decode'], run: parse },
  { id: 'status', requires: ['parse'], run: status },
  // The signature runs on error responses too: a denial is only trustworthy when the IdP signed it.
  { id: 'signature', requires: ['parse'], run: signature },
  // wrapping checks the document structure even when the signature failed (duplicate IDs, extra
  // Assertions are worth reporting on their own); it needs `signature` only to compare the signed node.
  { id: 'wrapping', requires: ['status'], run: wrapping },
  { id: 'issuer', requires: [...TRUSTED], run: issuer },
  { id: 'destination', requires: [...TRUSTED], run: destination },
  { id: 'recipient', requires: [...TRUSTED], run: recipient },
  { id: 'audience', requires: [...TRUSTED], run: audience },
  { id: 'time', requires: [...TRUSTED], run: time },
  { id: 'inResponseTo', requires: [...TRUSTED], run: inResponseTo },
  { id: 'replay', requires: [...TRUSTED], run: replay },
  { id: 'nameId', requires: [...TRUSTED], run: nameId },
  { id: 'attributes', requires: [...TRUSTED], run: attributes },
  { id: 'flex', requires: ['attributes'], run: flex },
];
