// `flex-sso fidelity DIR`: replays the scenarios a staging/intercept run recorded (`flex-sso run
// --record DIR`) on the embedded emulator and prints, per scenario, where the emulator's SAML response
// and tenant log events differ from the tenant's. Exit 0 when none differ, 1 when one does, 2 on a
// usage or configuration error (no recording, another recording format, a scenario gone or changed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { FILES, RECORDING_FORMAT, stableJson } from '../../fidelity/recording/format.ts';
import { terminalSafe } from '../../text/terminal-safe.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { prepareOutDir } from '../out-dir.ts';

export interface FidelityOptions {
  scenarios?: string;
  json?: boolean;
  out?: string;
  addon: string;
}

async function fidelity(dirArg: string, options: FidelityOptions): Promise<void> {
  const cwd = process.cwd();
  const { ADDON_SOURCES, startReplayEmulator } = await import('../../fidelity/replay/emulator.ts');
  if (!(ADDON_SOURCES as readonly string[]).includes(options.addon)) {
    throw usageError(
      'BAD_ADDON',
      `--addon: expected one of ${ADDON_SOURCES.join(', ')}, received "${options.addon}"`,
      "--addon recorded (the default) replays with the tenant's addon; --addon emulator with the addon `flex-sso run` configures on the emulator",
    );
  }
  const addon = options.addon as (typeof ADDON_SOURCES)[number];
  const dir = resolve(cwd, dirArg);
  const { readRecording } = await import('../../fidelity/replay/read.ts');
  const { selectRecorded } = await import('../../fidelity/replay/select.ts');
  const selected = selectRecorded(readRecording(dir), options.scenarios, cwd);
  const out = options.out === undefined ? undefined : resolve(cwd, options.out);
  if (out !== undefined) prepareOutDir(out, { name: '--out', code: 'BAD_OUT', what: 'the replay', example: '--out fidelity-out' });

  const progress = (line: string): void => {
    process.stderr.write(`${terminalSafe(line)}\n`);
  };
  const tty = process.stderr.isTTY === true;
  // Declared npm dependencies come from the install cache, as in emulator runs: never the network at login time.
  const deps = await import('../../action-deps/install.ts');
  const installed = await deps.installActionDependencies(
    selected.flatMap((s) => s.scenario.dependencies),
    { progress },
  );
  const { replayScenario } = await import('../../fidelity/replay/compare.ts');
  const emulator = await startReplayEmulator({ actionDependenciesDir: installed.cacheDir });
  const results = [];
  try {
    const cache = new Map<string, string>();
    for (const [i, { entry, scenario }] of selected.entries()) {
      if (tty) progress(`replaying ${i + 1}/${selected.length} ${scenario.id}`);
      try {
        results.push(await replayScenario(emulator, entry, scenario, addon, cache));
      } catch (error) {
        throw new CliError(
          'FIDELITY_REPLAY_FAILED',
          `replaying ${scenario.id} on the emulator failed: ${(error as Error).message}`,
          'run `flex-sso run --scenarios <its file> --grep <its id>` on the emulator to see the login; report it if that passes',
          EXIT.usage,
        );
      }
    }
  } finally {
    await emulator.close();
  }
  const { buildReport, formatReport } = await import('../../fidelity/report.ts');
  const report = buildReport(dir, addon, results);
  if (out !== undefined) writeReplay(out, results, report);
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  if (report.summary.differing > 0) process.exitCode = EXIT.failed;
}

/** --out: the emulator's output in the recording's layout (so `diff -r DIR OUT` works) and the JSON report. */
function writeReplay(out: string, results: readonly { id: string; emulator: { responseXml?: string; logs: unknown[] } }[], report: unknown): void {
  for (const r of results) {
    const dir = join(out, r.id);
    mkdirSync(dir, { recursive: true });
    if (r.emulator.responseXml !== undefined) writeFileSync(join(dir, FILES.response), r.emulator.responseXml);
    writeFileSync(join(dir, FILES.logs), stableJson({ format: RECORDING_FORMAT, events: r.emulator.logs }));
  }
  writeFileSync(join(out, 'fidelity.json'), `${JSON.stringify(report, null, 2)}\n`);
}

export function register(program: Command): void {
  program
    .command('fidelity')
    .argument('<dir>', 'a recording: `flex-sso run --mode staging|intercept --record DIR`')
    .description("Replay recorded staging/intercept logins on the emulator and show where its SAML response and tenant logs differ from the tenant's")
    .option(
      '--scenarios <glob>',
      'only these recorded scenarios: a glob of scenario ids, or of the YAML files that define them (default: every recorded scenario, from the files the recording names)',
    )
    .option(
      '--addon <source>',
      "the replay's SAML addon: recorded (the tenant's, read at record time) | emulator (what `flex-sso run` configures on the emulator)",
      'recorded',
    )
    .option('--json', 'print the report as JSON')
    .option('--out <dir>', "also write the emulator's output in the recording's layout, plus fidelity.json")
    .addHelpText(
      'after',
      '\nExit codes: 0 no difference, 1 a difference, 2 a usage or configuration error (no recording, another recording format,\na scenario that changed or no longer exists). Progress goes to stderr when it is a terminal. See docs/real-tenants.md.',
    )
    .action(async (dir: string, options: FidelityOptions) => {
      await fidelity(dir, options);
    });
}
