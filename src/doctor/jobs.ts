/**
 * The jobs doctor looks for among the running processes: every exec action of a declared
 * task and of a live task under the prefix, reduced to what a process's command line can be
 * recognised by. This module is the safety boundary of `--stop`: a process that no job here
 * matches is never reported as a loop, stray or duplicate, and so is never ended.
 *
 * A job is recognised by the script it runs (`C:\AGI\scripts\check_health.py`, the first
 * argument that names a script file), or, when it runs no script, by its program and
 * arguments compared as the `duplicate` conflict rule compares them (`commandKey`). A process
 * runs a job's script when
 * - one of its arguments names a file with the script's name: a relative name
 *   (`.\scripts\auto_restart_local_llm.ps1`, typed by hand) matches by name, an absolute
 *   path only when it is the job's own path (`D:\other\check_health.py` is another script); and
 * - its program is of the same kind as the job's program or as the script's extension
 *   (any Python for `.py`, Windows PowerShell or pwsh for `.ps1`), so `notepad.exe
 *   check_health.py`, someone editing the script, is never mistaken for a run of it.
 */
import { win32 } from 'node:path';
import type { Action, TaskDefinition } from '../schtasks/model.js';
import { SETTINGS_DEFAULTS } from '../schtasks/model.js';
import { durationToMs } from '../schtasks/duration.js';
import { commandKey, commandText, programName, splitWindowsArguments } from '../schtasks/command-line.js';

export interface Job {
  /** Full task path. */
  task: string;
  /** Where the task came from: the declarations, or the machine's Task Scheduler. */
  source: 'declared' | 'live';
  /** What the job is recognised by: `script:check_health.py` or `command:<commandKey>`. */
  identity: string;
  /** The script's file name, lower case (absent for a job that runs no script). */
  scriptName?: string;
  /** The script's absolute path, normalized and lower case, when the action writes one. */
  scriptPath?: string;
  /** Program kind: `python`, `powershell`, `cmd`, … or the program's own name. */
  family: string;
  /** The action as written, for messages. */
  commandText: string;
  /** The task's ExecutionTimeLimit in ms; undefined = no limit (PT0S). */
  timeLimitMs: number | undefined;
  enabled: boolean;
}

/** Programs that run scripts, by kind. A version suffix (`python3.13`) is the same kind. */
const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:python|pythonw|py|pyw)(?:\d+(?:\.\d+)*)?$/, 'python'],
  [/^(?:powershell|pwsh|powershell_ise)$/, 'powershell'],
  [/^cmd$/, 'cmd'],
  [/^(?:node|nodejs)$/, 'node'],
  [/^(?:wscript|cscript)$/, 'wsh'],
  [/^(?:bash|sh)$/, 'shell'],
];

/** The kind of program that runs a script, by extension. */
const EXTENSION_FAMILY: Readonly<Record<string, string>> = {
  py: 'python', pyw: 'python', ps1: 'powershell', bat: 'cmd', cmd: 'cmd', js: 'node', mjs: 'node', cjs: 'node',
  vbs: 'wsh', wsf: 'wsh', sh: 'shell',
};
const SCRIPT_FILE = new RegExp(`\\.(?:${Object.keys(EXTENSION_FAMILY).join('|')})$`, 'i');
/** A script path inside a longer argument (`-Command "& 'C:\\x\\run.ps1' -Loop"`). */
const SCRIPT_IN_TEXT = new RegExp(`(?:[a-z]:)?[^\\s"'&;|<>(){}]*?[^\\s"'&;|<>(){}\\\\/]+\\.(?:${Object.keys(EXTENSION_FAMILY).join('|')})(?![\\w.])`, 'gi');

const families = new Map<string, string>();

/** The kind of a program (`C:\Python313\python3.13.exe` → `python`); an unknown program is its own kind. */
function programFamily(program: string): string {
  let family = families.get(program);
  if (family === undefined) {
    const name = programName(program);
    family = FAMILIES.find(([pattern]) => pattern.test(name))?.[1] ?? name;
    families.set(program, family);
  }
  return family;
}

/** Whether a program is a Python interpreter or launcher (the `python-processes` count). */
export function isPythonProgram(program: string): boolean {
  return programFamily(program) === 'python';
}

/** The script files an argument list names, in order (quotes dropped). */
function scriptsNamed(args: readonly string[]): string[] {
  const found: string[] = [];
  for (const raw of args) {
    const arg = raw.trim().replace(/^["']|["']$/g, '');
    // A whole argument is a path (spaces and all) unless it is a command of its own (`& 'E:\x\run.ps1'`).
    if (SCRIPT_FILE.test(arg) && !/["'&;|<>]/.test(arg)) found.push(arg);
    else for (const match of arg.matchAll(SCRIPT_IN_TEXT)) found.push(match[0]);
  }
  return found;
}

/** A command line's program token and the text after it. */
export function splitProgram(commandLine: string): { program: string; rest: string } {
  const text = commandLine.trimStart();
  if (text.startsWith('"')) {
    const end = text.indexOf('"', 1);
    return end < 0 ? { program: text.slice(1), rest: '' } : { program: text.slice(1, end), rest: text.slice(end + 1) };
  }
  const space = text.search(/\s/);
  return space < 0 ? { program: text, rest: '' } : { program: text.slice(0, space), rest: text.slice(space) };
}

const isAbsolute = (path: string): boolean => /^(?:[a-z]:[\\/]|\\\\)/i.test(path);
const normalizedPath = (path: string): string => win32.normalize(path).toLowerCase();
const baseName = (path: string): string => (path.split(/[\\/]/).pop() ?? path).toLowerCase();

/** The jobs of one task: one per exec action. */
export function jobsOfTask(task: string, source: Job['source'], definition: TaskDefinition): Job[] {
  const limitMs = durationToMs(definition.settings.executionTimeLimit ?? SETTINGS_DEFAULTS.executionTimeLimit);
  const common = {
    task,
    source,
    timeLimitMs: limitMs !== undefined && limitMs > 0 ? limitMs : undefined,
    enabled: definition.settings.enabled ?? SETTINGS_DEFAULTS.enabled,
  };
  return definition.actions.flatMap((action: Action): Job[] => {
    if (action.kind !== 'Exec') return [];
    const args = splitWindowsArguments(action.arguments ?? '');
    const command = action.command.trim().replace(/^"(.*)"$/, '$1');
    const script = SCRIPT_FILE.test(command) ? command : scriptsNamed(args)[0];
    const text = commandText(action);
    if (script === undefined) {
      const key = commandKey({ kind: 'Exec', command, ...(action.arguments !== undefined ? { arguments: action.arguments } : {}) });
      return [{ ...common, identity: `command:${key}`, family: programFamily(command), commandText: text }];
    }
    const name = baseName(script);
    return [{
      ...common,
      identity: `script:${name}`,
      scriptName: name,
      ...(isAbsolute(script) ? { scriptPath: normalizedPath(script) } : {}),
      family: programFamily(command),
      commandText: text,
    }];
  });
}

/** Finds the jobs a process runs, by index: cost grows with the processes' arguments, not with processes × jobs. */
export class JobIndex {
  private readonly byScript = new Map<string, Job[]>();
  private readonly byCommand = new Map<string, Job[]>();
  /** Machines run the same command line many times (58 Python processes, a handful of scripts). */
  private readonly matched = new Map<string, Job[]>();

  constructor(readonly jobs: readonly Job[]) {
    for (const job of jobs) {
      const map = job.scriptName !== undefined ? this.byScript : this.byCommand;
      const key = job.scriptName ?? job.identity.slice('command:'.length);
      const list = map.get(key);
      if (list) list.push(job);
      else map.set(key, [job]);
    }
  }

  /** The jobs whose script or command the command line runs (empty for none, and for no command line). */
  match(commandLine: string | undefined): Job[] {
    if (commandLine === undefined || commandLine.trim() === '') return [];
    let found = this.matched.get(commandLine);
    if (found === undefined) {
      found = this.find(commandLine);
      this.matched.set(commandLine, found);
    }
    return found;
  }

  private find(commandLine: string): Job[] {
    const { program, rest } = splitProgram(commandLine);
    const family = programFamily(program);
    const found: Job[] = [];
    for (const script of scriptsNamed(splitWindowsArguments(rest))) {
      const name = baseName(script);
      const path = isAbsolute(script) ? normalizedPath(script) : undefined;
      for (const job of this.byScript.get(name) ?? []) {
        if (path !== undefined && job.scriptPath !== undefined && path !== job.scriptPath) continue;
        const byExtension = EXTENSION_FAMILY[name.slice(name.lastIndexOf('.') + 1)];
        if (family !== job.family && family !== byExtension) continue;
        if (!found.includes(job)) found.push(job);
      }
    }
    if (this.byCommand.size > 0) {
      const key = commandKey({ kind: 'Exec', command: program, arguments: rest });
      for (const job of this.byCommand.get(key) ?? []) if (!found.includes(job)) found.push(job);
    }
    return found;
  }
}
