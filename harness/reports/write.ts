// Writes the selected report files into the output directory.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildHtmlReport } from './html.ts';
import { buildJunitXml } from './junit.ts';
import type { RunReport } from './model.ts';
import { buildResultsJson } from './results-json.ts';

export const REPORTERS = ['list', 'html', 'junit', 'json', 'github'] as const;
export type ReporterName = (typeof REPORTERS)[number];
/** What `flex-sso run` produces unless --reporter says otherwise (github is for GitHub Actions steps). */
export const DEFAULT_REPORTERS: readonly ReporterName[] = ['list', 'html', 'junit', 'json'];

export const REPORT_FILES = { json: 'results.json', junit: 'junit.xml', html: 'report.html' } as const;

/** Writes results.json / junit.xml / report.html as selected; returns the paths written. */
export function writeReports(report: RunReport, outDir: string, reporters: readonly ReporterName[], now: Date): string[] {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, text: string): void => {
    const path = join(dir, name);
    writeFileSync(path, text);
    written.push(path);
  };
  if (reporters.includes('json')) write(REPORT_FILES.json, `${JSON.stringify(buildResultsJson(report), null, 2)}\n`);
  if (reporters.includes('junit')) write(REPORT_FILES.junit, buildJunitXml(report));
  if (reporters.includes('html')) write(REPORT_FILES.html, buildHtmlReport(report, now, dir));
  return written;
}
