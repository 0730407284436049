// The worker's half of an ACS POST: read the form, judge its SAMLResponse and encode the large values
// (the SAMLResponse, RelayState, decoded XML) as UTF-8 JSON text, handed back by transfer. What is
// left for the server's thread is small: answering the two state lookups, a record line made of
// these bytes plus a few hundred bytes of its own, and the answer (docs/benchmarks-history.md "Hostile inputs").
import { validateResponse } from '../pipeline/validate.ts';
import type { SpPolicy } from '../pipeline/types.ts';
import { malformedVerdict } from '../server/malformed-verdict.ts';
import { acsFields, jsonBytes, readAcsForm } from './acs-form.ts';
import type { AcsRequest, JudgeReply, StateQuestions } from './protocol.ts';

export function judgeAcsPost(
  request: AcsRequest,
  expectations: SpPolicy,
  questions: StateQuestions,
  reply: (message: JudgeReply, transfer?: ArrayBuffer[]) => void,
): void {
  const form = readAcsForm(request.form.body, request.form.charset);
  const fields = acsFields(form);
  const { json } = fields;
  // First, so that a POST stopped at the deadline is still recorded with what it carried.
  reply(
    { kind: 'form', id: request.id, fields },
    [json.samlResponse, json.relayState].flatMap((b) => (b === undefined ? [] : [b.buffer as ArrayBuffer])),
  );
  if (form.problem !== undefined) {
    reply({ kind: 'verdict', id: request.id, verdict: malformedVerdict(form.problem), questions: {} });
    return;
  }
  const { xml, ...verdict } = validateResponse(form.samlResponse, expectations, new Date(request.now));
  const xmlJson = xml === undefined ? undefined : jsonBytes(xml);
  reply(
    { kind: 'verdict', id: request.id, verdict, questions, ...(xmlJson === undefined ? {} : { xmlJson }) },
    xmlJson === undefined ? [] : [xmlJson.buffer as ArrayBuffer],
  );
}
