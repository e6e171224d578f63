/**
 * The errors the Windows backend raises, each saying what failed, why, and what
 * to do: PowerShell missing, the Task Scheduler interface missing, access denied,
 * scripts blocked by policy, a script that printed nothing usable.
 */
import { BackendError } from '../../core/errors.js';
import { describeHresult, normalizeHresult } from './hresult-table.js';

/** The `error` object a template prints with `"ok": false`. */
export interface ScriptErrorInfo {
  kind?: string;
  message?: string;
  hresult?: string | number | null;
}

const ALTERNATIVES = 'or point taskctl at a snapshot with --live PATH or at a task folder with --store DIR';

/**
 * The PowerShell that writes a `--live FILE` snapshot taskctl can read (contract "Live
 * snapshot JSON"): `Get-ScheduledTask | ConvertTo-Json` alone has no task XML.
 */
export function liveSnapshotCommand(prefix = 'AGI'): string {
  const pattern = `${prefix.replace(/'/g, "''")}*`;
  return (
    `Get-ScheduledTask -TaskName '${pattern}' | ForEach-Object { [pscustomobject]@{ TaskPath = $_.TaskPath; TaskName = $_.TaskName; State = $_.State; ` +
    'Xml = Export-ScheduledTask -TaskName $_.TaskName -TaskPath $_.TaskPath } } | ConvertTo-Json -Depth 3 | Out-File -Encoding utf8 live.json'
  );
}

/** True when starting the process failed because the executable does not exist. */
export function isCommandNotFound(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const record = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (record.code === 'ENOENT') return true;
    if (typeof record.message === 'string' && /\bENOENT\b/.test(record.message)) return true;
    e = record.cause;
  }
  return false;
}

export function powerShellNotFoundError(command: string, cause?: unknown): BackendError {
  return new BackendError(
    `PowerShell was not found (tried "${command}"). taskctl reads and changes the Task Scheduler through PowerShell: ` +
      `install it (Windows PowerShell 5.1 ships with Windows; PowerShell 7 is "pwsh"), set TASKCTL_POWERSHELL to its path, ${ALTERNATIVES}.`,
    { cause },
  );
}

/** The error for a template's `{ "ok": false, "error": … }`. */
export function scriptFailureError(script: string, info: ScriptErrorInfo): BackendError {
  const code = normalizeHresult(info.hresult ?? undefined);
  const known = describeHresult(code);
  const said = info.message?.trim() || 'no message';
  const codeText = code ? ` (${code}${known ? ` ${known.symbol}` : ''})` : '';
  switch (info.kind ?? kindOf(code)) {
    case 'module-missing':
      return new BackendError(
        `The Task Scheduler scripting interface is not available in this PowerShell${codeText}: ${said}. ` +
          `Use Windows PowerShell 5.1 (powershell.exe) on Windows with the Task Scheduler service, ${ALTERNATIVES}.`,
      );
    case 'access-denied':
      return new BackendError(
        `Access denied by the Task Scheduler${codeText}: ${said}. ` +
          'Run taskctl from an elevated prompt (Run as administrator), or as the account that owns the tasks.',
      );
    case 'service-unavailable':
      return new BackendError(
        `The Task Scheduler service could not be reached${codeText}: ${said}. Check that the 'Schedule' service is running.`,
      );
    case 'bad-request':
      return new BackendError(`${script} did not understand its input${codeText}: ${said}. This is a taskctl bug; please report it.`);
    default:
      return new BackendError(`${script} failed${codeText}: ${said}${known ? ` — ${known.meaning}` : ''}.`);
  }
}

function kindOf(code: string | undefined): string {
  if (code === '0x80070005') return 'access-denied';
  if (code === '0x80040154') return 'module-missing';
  if (code === '0x80070422' || code === '0x800706BA' || code === '0x80041315') return 'service-unavailable';
  return 'other';
}

/**
 * Words an execution-policy refusal carries in every display language: the help topic it
 * points to, its error category and its exception type. The sentence around them arrives
 * translated, and in the console code page (949 on Korean Windows) before any script can
 * switch to UTF-8.
 */
const EXECUTION_POLICY_MARKERS = /about_Execution_Policies|UnauthorizedAccess|PSSecurityException/;

/** The error when a template printed no result document at all. */
export function noResultError(script: string, exitCode: number, stdout: string, stderr: string): BackendError {
  const errText = cleanPowerShellStderr(stderr);
  if (EXECUTION_POLICY_MARKERS.test(errText)) {
    return new BackendError(
      `PowerShell refused to run ${script}: script execution is blocked on this machine (${firstLine(errText)}). ` +
        `A Group Policy execution policy overrides "-ExecutionPolicy Bypass"; ask an administrator to allow it, ${ALTERNATIVES}.`,
    );
  }
  if (/ScheduledTasks|Schedule\.Service|80040154/i.test(errText) && /not (be )?(loaded|found|registered)|could not/i.test(errText)) {
    return scriptFailureError(script, { kind: 'module-missing', message: firstLine(errText) });
  }
  const detail = errText ? `; stderr: ${excerpt(errText)}` : stdout.trim() ? `; stdout: ${excerpt(stdout)}` : '; it printed nothing';
  return new BackendError(`${script} exited with code ${exitCode} without printing its result${detail}`);
}

/**
 * Windows PowerShell writes errors to a redirected stderr as CLIXML (`#< CLIXML`
 * followed by `<Objs>`); this keeps only the error text.
 */
function cleanPowerShellStderr(stderr: string): string {
  const text = stderr.trim();
  if (!text.startsWith('#< CLIXML')) return text;
  const messages = [...text.matchAll(/<S S="Error">([\s\S]*?)<\/S>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/_x000D_/g, '')
      .replace(/_x000A_/g, '\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
  return messages.join('').trim();
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '').trim();
}

/** The first 300 characters of some output, on one line. */
export function excerpt(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
