// Plain-text table of findings (audit, doctor): one row per finding, its fix on the next line.

export interface TableRow {
  severity: string;
  subject: string;
  code: string;
  message: string;
  fix: string;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatFindingsTable(rows: readonly TableRow[], subjectHeader: string): string {
  if (rows.length === 0) return '';
  const sev = Math.max(8, ...rows.map((r) => r.severity.length));
  const sub = Math.min(40, Math.max(subjectHeader.length, ...rows.map((r) => r.subject.length)));
  const code = Math.max(4, ...rows.map((r) => r.code.length));
  const lines = [`${pad('SEVERITY', sev)}  ${pad(subjectHeader, sub)}  ${pad('CODE', code)}  MESSAGE`];
  for (const r of rows) {
    lines.push(`${pad(r.severity.toUpperCase(), sev)}  ${pad(r.subject, sub)}  ${pad(r.code, code)}  ${r.message}`);
    lines.push(`${' '.repeat(sev + sub + code + 6)}fix: ${r.fix}`);
  }
  return `${lines.join('\n')}\n`;
}
