import { createRequire } from 'node:module';
import { DOMParser } from '@xmldom/xmldom';
import { afterEach, describe, expect, it } from 'vitest';
import { formatStack, isProjectFrame, mapProjectFramesOnly, type MapState, type WrapCallSite } from '../../../harness/run/stack-frames.ts';

/** Real V8 call sites of the current stack. */
function callSites(run: (capture: () => NodeJS.CallSite[]) => void): NodeJS.CallSite[] {
  let sites: NodeJS.CallSite[] = [];
  const capture = (): NodeJS.CallSite[] => {
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (_error, frames) => frames;
    try {
      const holder: { stack?: unknown } = {};
      Error.captureStackTrace(holder, capture);
      return holder.stack as NodeJS.CallSite[];
    } finally {
      Error.prepareStackTrace = saved;
    }
  };
  run(() => (sites = capture()));
  return sites;
}

function fakeSite(file: string | null, text: string): NodeJS.CallSite {
  return { getFileName: () => file, toString: () => text } as unknown as NodeJS.CallSite;
}

const wrapped: string[] = [];
const markingWrap: WrapCallSite = (frame) => {
  wrapped.push(String(frame));
  return fakeSite(frame.getFileName(), `MAPPED ${String(frame)}`);
};

describe('isProjectFrame', () => {
  it('is true for project files, as paths or file URLs', () => {
    expect(isProjectFrame('/repo/harness/driver/login.ts')).toBe(true);
    expect(isProjectFrame('file:///repo/test/e2e/scenarios.spec.ts')).toBe(true);
  });
  it('is false for node_modules, Node internals and frames without a file', () => {
    expect(isProjectFrame('/repo/node_modules/playwright-core/lib/coreBundle.js')).toBe(false);
    expect(isProjectFrame('file:///repo/node_modules/xml-crypto/lib/signed-xml.js')).toBe(false);
    expect(isProjectFrame('node:internal/process/task_queues')).toBe(false);
    expect(isProjectFrame(null)).toBe(false);
    expect(isProjectFrame('')).toBe(false);
  });
});

describe('formatStack', () => {
  afterEach(() => {
    wrapped.length = 0;
  });

  it('maps project frames only and keeps the order and the header', () => {
    const frames = [
      fakeSite('/repo/harness/a.ts', 'a (/repo/harness/a.ts:1:1)'),
      fakeSite('/repo/node_modules/pw/b.js', 'b (/repo/node_modules/pw/b.js:2:2)'),
      fakeSite('node:internal/c', 'c (node:internal/c:3:3)'),
      fakeSite('/repo/test/d.ts', 'd (/repo/test/d.ts:4:4)'),
    ];
    const stack = formatStack(new TypeError('boom'), frames, markingWrap);
    expect(stack).toBe(
      [
        'TypeError: boom',
        '    at MAPPED a (/repo/harness/a.ts:1:1)',
        '    at b (/repo/node_modules/pw/b.js:2:2)',
        '    at c (node:internal/c:3:3)',
        '    at MAPPED d (/repo/test/d.ts:4:4)',
      ].join('\n'),
    );
    expect(wrapped).toEqual(['d (/repo/test/d.ts:4:4)', 'a (/repo/harness/a.ts:1:1)']);
  });

  it("also maps a library frame whose caller's mapped position names it, as source-map-support does", () => {
    const naming: WrapCallSite = (frame, state: MapState) => {
      state.curPosition = { name: 'namedByCaller' };
      return markingWrap(frame, state);
    };
    const frames = [fakeSite('/repo/node_modules/pw/inner.js', 'inner'), fakeSite('/repo/harness/caller.ts', 'caller')];
    expect(formatStack(new Error('x'), frames, naming)).toBe('Error: x\n    at MAPPED inner\n    at MAPPED caller');
  });

  it('formats library frames exactly as source-map-support does', () => {
    const sms = (createRequire(import.meta.url)('playwright-core/lib/utilsBundle') as { sourceMapSupport: { wrapCallSite: WrapCallSite } }).sourceMapSupport;
    // xmldom calls the error handler from its own code: real node_modules frames.
    const frames = callSites((capture) => {
      try {
        new DOMParser({
          onError: () => {
            capture();
          },
        }).parseFromString('<a', 'text/xml');
      } catch {
        // xmldom throws after reporting a fatal error
      }
    });
    const library = frames.filter((f) => !isProjectFrame(f.getFileName()));
    expect(library.some((f) => f.getFileName()?.includes('/node_modules/@xmldom/'))).toBe(true);
    for (const frame of library) expect(String(frame)).toBe(String(sms.wrapCallSite(frame, { nextPosition: null, curPosition: null })));
  });
});

describe('mapProjectFramesOnly', () => {
  const saved = Error.prepareStackTrace;
  afterEach(() => {
    Error.prepareStackTrace = saved;
    wrapped.length = 0;
  });

  it("replaces source-map-support's formatter, once", () => {
    Error.prepareStackTrace = function prepareStackTrace(error: Error) {
      return `unmapped ${error.message}`;
    };
    expect(mapProjectFramesOnly(markingWrap)).toBe(true);
    const installed = Error.prepareStackTrace;
    const stack = new Error('through ours').stack ?? '';
    expect(stack.split('\n')[0]).toBe('Error: through ours');
    expect(stack).toContain('MAPPED');
    expect(wrapped.some((frame) => frame.includes('stack-frames.test.ts'))).toBe(true);
    expect(wrapped.every((frame) => !frame.includes('/node_modules/'))).toBe(true);
    expect(mapProjectFramesOnly(markingWrap)).toBe(true);
    expect(Error.prepareStackTrace).toBe(installed);
  });

  it('leaves any other formatter, or none, alone', () => {
    Reflect.deleteProperty(Error, 'prepareStackTrace');
    expect(mapProjectFramesOnly(markingWrap)).toBe(false);
    expect(Error.prepareStackTrace).toBeUndefined();
    const other = (error: Error): string => `other ${error.message}`;
    Error.prepareStackTrace = other;
    expect(mapProjectFramesOnly(markingWrap)).toBe(false);
    expect(Error.prepareStackTrace).toBe(other);
  });

  it("changes nothing without source-map-support's wrapCallSite", () => {
    const sms = function prepareStackTrace(error: Error): string {
      return error.message;
    };
    Error.prepareStackTrace = sms;
    expect(mapProjectFramesOnly(null)).toBe(false);
    expect(Error.prepareStackTrace).toBe(sms);
  });
});
