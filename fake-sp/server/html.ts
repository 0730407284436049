// HTML building blocks for the fake SP's pages. Every value that reaches a page goes through
// `escapeHtml` (SAML attribute values, RelayState and error details are attacker-controlled).
import { escapeHtml } from '../../flex/html.ts';
import type { Verdict } from '../pipeline/types.ts';

/** Pages are static: no script may run, whatever a value contains. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'";

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#121c2d}
table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.ok{color:#0a7a2f}.failed{color:#c72323}.skipped{color:#667}code{font-size:.9em}`;

export function page(title: string, bodyHtml: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
    `<style>${STYLE}</style></head><body>${bodyHtml}</body></html>`
  );
}

const MARK: Record<string, string> = { ok: '✓', failed: '✗', skipped: '–' };

export function verdictHtml(verdict: Verdict): string {
  const rows = verdict.checks
    .map(
      (c) =>
        `<tr class="${escapeHtml(c.status)}"><td>${MARK[c.status] ?? ''}</td>` +
        `<td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.code ?? '')}</td><td>${escapeHtml(c.detail)}</td>` +
        `<td>${escapeHtml(c.hint ?? '')}</td></tr>`,
    )
    .join('');
  const attributes = Object.entries(verdict.attributes)
    .map(([name, values]) => `<tr><td><code>${escapeHtml(name)}</code></td>` + `<td>${values.map((v) => escapeHtml(v)).join('<br>')}</td></tr>`)
    .join('');
  const warnings = verdict.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return (
    `<p class="${verdict.valid ? 'ok' : 'failed'}" data-valid="${verdict.valid}">` +
    `<strong>${verdict.valid ? 'Valid: Flex would accept this login' : 'Invalid: Flex would reject this login'}</strong></p>` +
    `<table><thead><tr><th></th><th>check</th><th>code</th><th>detail</th><th>hint</th></tr></thead><tbody>${rows}</tbody></table>` +
    (attributes ? `<h2>Attributes</h2><table><tbody>${attributes}</tbody></table>` : '') +
    (warnings ? `<h2>Warnings</h2><ul>${warnings}</ul>` : '')
  );
}
