// Syntax check of an Action's code, as Auth0 does when an Action is saved or deployed. It only
// compiles (vm.Script never runs anything here), inside the same CommonJS wrapper the runner uses,
// so code that is valid for Auth0 (top-level `return`, `require` at module scope) is valid here.
import vm from 'node:vm';

/** Auth0 runs Actions as CommonJS modules; the head sits on line 1 so user line numbers stay put. */
export const MODULE_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
export const MODULE_WRAPPER_TAIL = '\n})';

export interface ActionSyntaxError {
  line: number;
  column: number;
  message: string;
}

export function wrapActionCode(code: string): string {
  return MODULE_WRAPPER_HEAD + code + MODULE_WRAPPER_TAIL;
}

/** First syntax error of `code` (line and column 1-based, relative to the Action source), or undefined. */
export function checkActionSyntax(code: string): ActionSyntaxError | undefined {
  const wrapped = compileError(wrapActionCode(code));
  if (!wrapped) return undefined;
  const userLines = code.split('\n');
  const { line } = wrapped;
  const column = line === 1 ? Math.max(1, wrapped.column - MODULE_WRAPPER_HEAD.length) : wrapped.column;
  if (line > userLines.length) {
    // The error landed on the wrapper's closing line: the Action itself is unterminated. Compile it
    // bare to get V8's own wording ("Unexpected end of input") at the end of the user's code.
    const bare = compileError(code);
    const lastLine = userLines.length;
    return {
      line: lastLine,
      column: (userLines[lastLine - 1] ?? '').length + 1,
      message: bare?.message ?? wrapped.message,
    };
  }
  return { line, column, message: wrapped.message };
}

function compileError(source: string): ActionSyntaxError | undefined {
  try {
    new vm.Script(source, { filename: 'action.js' });
    return undefined;
  } catch (error) {
    return locate(error);
  }
}

/** Node decorates a compile error's stack as `file:LINE\n<source line>\n<spaces>^^^\n\nSyntaxError: …`. */
function locate(error: unknown): ActionSyntaxError {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const [head = '', , arrow = ''] = stack.split('\n');
  const lineMatch = /^action\.js:(\d+)$/.exec(head);
  const line = lineMatch ? Number(lineMatch[1]) : 1;
  const caret = arrow.indexOf('^');
  const column = caret >= 0 ? caret + 1 : /^\s*$/.test(arrow) ? arrow.length + 1 : 1;
  return { line, column, message };
}
