// Indents XML for display only (never for verification): one element per line, text kept inline.

export function prettyXml(xml: string, indent = '  '): string {
  const tokens = xml.replace(/>\s+</g, '><').match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push(indent.repeat(depth) + token);
    } else if (token.startsWith('<?') || token.startsWith('<!') || token.endsWith('/>')) {
      lines.push(indent.repeat(depth) + token);
    } else if (token.startsWith('<')) {
      // <a>text</a> stays on one line.
      if (next !== undefined && !next.startsWith('<') && after?.startsWith('</')) {
        lines.push(indent.repeat(depth) + token + next + after);
        i += 2;
      } else {
        lines.push(indent.repeat(depth) + token);
        depth++;
      }
    } else if (token.trim()) {
      lines.push(indent.repeat(depth) + token.trim());
    }
  }
  return lines.join('\n');
}
