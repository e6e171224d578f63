/**
 * What the HRESULTs Task Scheduler returns mean, in words a person can act on.
 * SCHED_E_* values are from WinError.h; the Win32 ones (0x8007xxxx) are the errors
 * registration actually hits (pitfalls 35, 40, 52–56).
 */

export interface HresultInfo {
  /** `0x80041318`. */
  code: string;
  /** `SCHED_E_INVALIDVALUE`. */
  symbol: string;
  /** What went wrong. */
  meaning: string;
  /** What to do about it, when there is something to say. */
  hint?: string;
  /**
   * What to check when the code came from another computer (`--computer`): connecting to
   * its Task Scheduler, or reading it, failed this way. Printed after "what to check:".
   */
  remoteHint?: string;
}

const UNREACHABLE_HINT =
  'the name; that the computer is switched on and on the network; that its Task Scheduler service (Schedule) runs; ' +
  'that the "Remote Scheduled Tasks Management" firewall rule group is enabled on it';

const ACCOUNT_HINT = 'write the account as a SID (S-1-5-18) or fully qualified (DOMAIN\\user, COMPUTER\\user), never a bare name';

const TABLE: Record<string, Omit<HresultInfo, 'code'>> = {
  // Success codes: the task is registered, but something is off. PowerShell's COM binding
  // turns them into plain success, so they are seen only where Windows reports them otherwise.
  '0x00041303': { symbol: 'SCHED_S_TASK_HAS_NOT_RUN', meaning: 'the task has not yet run' },
  '0x0004131B': {
    symbol: 'SCHED_S_SOME_TRIGGERS_FAILED',
    meaning: 'the task is registered, but not all of its triggers will start it',
    hint: "the Task Scheduler Operational event log says which trigger and why",
  },
  '0x0004131C': {
    symbol: 'SCHED_S_BATCH_LOGON_PROBLEM',
    meaning: 'the task is registered, but may fail to start: its account needs the "Log on as a batch job" right',
    hint: 'grant SeBatchLogonRight to the account (secpol.msc > Local Policies > User Rights Assignment)',
  },
  '0x80041309': { symbol: 'SCHED_E_TRIGGER_NOT_FOUND', meaning: 'a task trigger was not found' },
  '0x8004130A': { symbol: 'SCHED_E_TASK_NOT_READY', meaning: 'one or more of the properties needed to run the task have not been set' },
  '0x8004130B': { symbol: 'SCHED_E_TASK_NOT_RUNNING', meaning: 'there is no running instance of the task' },
  '0x8004130C': { symbol: 'SCHED_E_SERVICE_NOT_INSTALLED', meaning: 'the Task Scheduler service is not installed on this computer' },
  '0x8004130D': { symbol: 'SCHED_E_CANNOT_OPEN_TASK', meaning: 'the task object could not be opened' },
  '0x8004130E': { symbol: 'SCHED_E_INVALID_TASK', meaning: 'the object is either an invalid task object or is not a task object' },
  '0x8004130F': { symbol: 'SCHED_E_ACCOUNT_INFORMATION_NOT_SET', meaning: 'no account information could be found in the Task Scheduler security database for the task' },
  '0x80041310': { symbol: 'SCHED_E_ACCOUNT_NAME_NOT_FOUND', meaning: 'the account specified could not be found', hint: ACCOUNT_HINT },
  '0x80041311': { symbol: 'SCHED_E_ACCOUNT_DBASE_CORRUPT', meaning: 'the Task Scheduler security database is corrupt and has been reset' },
  '0x80041313': { symbol: 'SCHED_E_UNKNOWN_OBJECT_VERSION', meaning: 'the task object version is unsupported or invalid' },
  '0x80041314': { symbol: 'SCHED_E_UNSUPPORTED_ACCOUNT_OPTION', meaning: 'the task combines account settings and run-time options that are not supported together' },
  '0x80041315': { symbol: 'SCHED_E_SERVICE_NOT_RUNNING', meaning: 'the Task Scheduler service is not running', hint: "start the 'Schedule' service", remoteHint: "that the 'Schedule' service runs on that computer" },
  '0x80041316': { symbol: 'SCHED_E_UNEXPECTEDNODE', meaning: 'the task XML contains an unexpected element (unknown, misplaced, or too new for the declared Task version)' },
  '0x80041317': {
    symbol: 'SCHED_E_NAMESPACE',
    meaning: 'the task XML contains an element or attribute from an unexpected namespace',
    hint: 'the namespace must be exactly http://schemas.microsoft.com/windows/2004/02/mit/task',
  },
  '0x80041318': {
    symbol: 'SCHED_E_INVALIDVALUE',
    meaning: 'a value in the task XML is incorrectly formatted or out of range',
    hint: 'durations are ISO 8601 (PT15M, at least PT1M for intervals, at most P31D), date-times YYYY-MM-DDTHH:MM:SS, Command at most 260 characters',
  },
  '0x80041319': { symbol: 'SCHED_E_MISSINGNODE', meaning: 'the task XML is missing a required element or attribute' },
  '0x8004131A': {
    symbol: 'SCHED_E_MALFORMEDXML',
    meaning: 'the task XML is malformed or failed to validate',
    hint: 'an XML string must not declare encoding="UTF-8" when handed over as text; check the encoding and the escaping of & < >',
  },
  '0x8004131D': { symbol: 'SCHED_E_TOO_MANY_NODES', meaning: 'the task XML contains too many elements of one kind (at most 48 triggers, 32 actions)' },
  '0x8004131E': { symbol: 'SCHED_E_PAST_END_BOUNDARY', meaning: "the task cannot start after its trigger's end boundary" },
  '0x8004131F': { symbol: 'SCHED_E_ALREADY_RUNNING', meaning: 'an instance of this task is already running' },
  '0x80041320': { symbol: 'SCHED_E_USER_NOT_LOGGED_ON', meaning: 'the task will not run because the user is not logged on' },
  '0x80041321': { symbol: 'SCHED_E_INVALID_TASK_HASH', meaning: 'the task image is corrupt or has been tampered with' },
  '0x80041322': { symbol: 'SCHED_E_SERVICE_NOT_AVAILABLE', meaning: 'the Task Scheduler service is not available' },
  '0x80041323': { symbol: 'SCHED_E_SERVICE_TOO_BUSY', meaning: 'the Task Scheduler service is too busy to handle the request; try again later' },
  '0x80041324': { symbol: 'SCHED_E_TASK_ATTEMPTED', meaning: 'the task was attempted to run but failed due to a configuration error' },
  '0x80041326': { symbol: 'SCHED_E_TASK_DISABLED', meaning: 'the task is disabled' },
  '0x80041327': { symbol: 'SCHED_E_TASK_NOT_V1_COMPAT', meaning: 'the task has properties that are not compatible with earlier versions of Windows' },
  '0x80041328': { symbol: 'SCHED_E_START_ON_DEMAND', meaning: "the task's settings do not allow it to be started on demand" },
  '0x80070002': { symbol: 'ERROR_FILE_NOT_FOUND', meaning: 'the task does not exist' },
  '0x80070003': { symbol: 'ERROR_PATH_NOT_FOUND', meaning: 'the task folder does not exist' },
  '0x80070005': {
    symbol: 'E_ACCESSDENIED',
    meaning: 'access is denied',
    hint: 'run taskctl from an elevated prompt (Run as administrator), or as the account that owns the tasks',
    remoteHint: 'that the account taskctl connects as has administrator rights on that computer (or pass --credential-user DOMAIN\\user, its password from TASKCTL_PASSWORD_<USER> or the prompt)',
  },
  '0x8007000E': { symbol: 'E_OUTOFMEMORY', meaning: 'out of memory, or a user name was given without a password (or a password without a user name)' },
  '0x80070057': { symbol: 'E_INVALIDARG', meaning: 'the parameter is incorrect (often an account Windows cannot use for this logon type)', hint: ACCOUNT_HINT },
  '0x8007007B': { symbol: 'ERROR_INVALID_NAME', meaning: 'the task or folder name is not valid', hint: 'names must not contain \\ / : * ? " < > | nor start or end with a space' },
  '0x800700B7': { symbol: 'ERROR_ALREADY_EXISTS', meaning: 'a task or folder with that name already exists' },
  '0x80070091': { symbol: 'ERROR_DIR_NOT_EMPTY', meaning: 'the task folder is not empty' },
  '0x80070520': {
    symbol: 'ERROR_NO_SUCH_LOGON_SESSION',
    meaning: 'a specified logon session does not exist (a policy may forbid storing passwords)',
    hint: 'the policy "Network access: Do not allow storage of passwords and credentials" blocks stored-password tasks',
  },
  '0x800704E3': { symbol: 'ERROR_ONLY_IF_CONNECTED', meaning: 'the script used the Task Scheduler before connecting to it' },
  '0x800706F4': { symbol: 'RPC_X_NULL_REF_POINTER', meaning: 'a required value (the task XML) was missing' },
  '0x800706AB': { symbol: 'RPC_S_INVALID_NET_ADDR', meaning: 'the computer name is not a valid network address', remoteHint: 'the computer name' },
  '0x80070035': { symbol: 'ERROR_BAD_NETPATH', meaning: 'the network path was not found: no computer answers to that name', remoteHint: UNREACHABLE_HINT },
  '0x800706B5': { symbol: 'RPC_S_UNKNOWN_IF', meaning: 'the computer does not offer the Task Scheduler interface', remoteHint: UNREACHABLE_HINT },
  '0x800706D9': { symbol: 'EPT_S_NOT_REGISTERED', meaning: 'no Task Scheduler endpoint is registered on the computer', remoteHint: UNREACHABLE_HINT },
  '0x80070422': { symbol: 'ERROR_SERVICE_DISABLED', meaning: 'the Task Scheduler service is disabled', hint: "enable and start the 'Schedule' service", remoteHint: "that the 'Schedule' service is enabled and started on that computer" },
  '0x8007052E': {
    symbol: 'ERROR_LOGON_FAILURE',
    meaning: 'logon failure: unknown user name or bad password',
    hint: 'check the password given in TASKCTL_PASSWORD_<USER> (or at the prompt) and the account name',
    remoteHint: '--credential-user (DOMAIN\\user) and the password given in its TASKCTL_PASSWORD_<USER> variable or at the prompt',
  },
  '0x80070532': { symbol: 'ERROR_PASSWORD_EXPIRED', meaning: "the account's password has expired" },
  '0x80070533': { symbol: 'ERROR_ACCOUNT_DISABLED', meaning: 'the account is disabled' },
  '0x80070534': { symbol: 'ERROR_NONE_MAPPED', meaning: 'no mapping between account names and security IDs was done: the account does not exist here', hint: ACCOUNT_HINT },
  '0x80070569': {
    symbol: 'ERROR_LOGON_TYPE_NOT_GRANTED',
    meaning: 'the account has not been granted the logon type the task needs',
    hint: "grant 'Log on as a batch job' (SeBatchLogonRight) to the account",
  },
  '0x800706BA': { symbol: 'RPC_S_SERVER_UNAVAILABLE', meaning: 'the Task Scheduler service could not be reached (RPC server unavailable)', remoteHint: UNREACHABLE_HINT },
  '0x80040154': { symbol: 'REGDB_E_CLASSNOTREG', meaning: 'the Task Scheduler scripting interface (Schedule.Service) is not registered on this system' },
};

/** `0x80041318` for `0x80041318`, `80041318`, `-2147216616` or the number; undefined when it is none of these. */
export function normalizeHresult(value: string | number | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else {
    const text = value.trim();
    if (/^-\d+$/.test(text)) n = Number(text);
    else if (/^(0x)?[0-9a-f]{1,8}$/i.test(text)) n = Number.parseInt(text.replace(/^0x/i, ''), 16);
    else return undefined;
  }
  if (!Number.isInteger(n)) return undefined;
  return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** What an HRESULT means, when it is one Task Scheduler users meet. */
export function describeHresult(value: string | number | undefined | null): HresultInfo | undefined {
  const code = normalizeHresult(value);
  if (code === undefined) return undefined;
  const entry = TABLE[code];
  return entry === undefined ? undefined : { code, ...entry };
}
