import { describe, expect, it } from 'vitest';
import { checkActionSyntax } from '../../../fake-idp/actions/syntax.ts';

describe('checkActionSyntax', () => {
  it('accepts valid Actions, including CommonJS-only forms', () => {
    expect(checkActionSyntax('exports.onExecutePostLogin = async (event, api) => {\n  api.samlResponse.setAttribute("a", 1);\n};')).toBeUndefined();
    expect(checkActionSyntax('const x = require("x");\nif (!x) return;\nmodule.exports = {};')).toBeUndefined();
    expect(checkActionSyntax('')).toBeUndefined();
  });

  it('locates an error on a later line (1-based line and column)', () => {
    expect(checkActionSyntax('exports.onExecutePostLogin = async (event, api) => {\n  let y = ;\n};')).toEqual({
      line: 2,
      column: 11,
      message: "SyntaxError: Unexpected token ';'",
    });
  });

  it('locates an error on line 1 relative to the Action, not the module wrapper', () => {
    expect(checkActionSyntax('let a = 1 2;')).toEqual({ line: 1, column: 11, message: 'SyntaxError: Unexpected number' });
  });

  it('reports an unterminated Action at the end of its own code', () => {
    expect(checkActionSyntax('exports.onExecutePostLogin = async (event, api) => {\n  api.x(')).toEqual({
      line: 2,
      column: 9,
      message: 'SyntaxError: Unexpected end of input',
    });
  });

  it('never runs the code it checks', () => {
    const marker = globalThis as { actionRan?: boolean };
    expect(checkActionSyntax('globalThis.actionRan = true;')).toBeUndefined();
    expect(marker.actionRan).toBeUndefined();
  });
});
