/**
 * Well-known Windows accounts and their SIDs, so that `SYSTEM`,
 * `NT AUTHORITY\SYSTEM` and `S-1-5-18` compare equal (pitfalls 14–18).
 * Only names that are the same on every (English) Windows are listed;
 * localized names (German "Benutzer") are not guessed — declare a SID for those.
 */

interface WellKnownAccount {
  sid: string;
  /** Names without authority, lower-case. */
  names: string[];
  /** Authorities the name may be qualified with, lower-case (`.` is always accepted). */
  authorities: string[];
  /** Runs as a service account: an absent LogonType means ServiceAccount. */
  service?: boolean;
  group?: boolean;
}

const ACCOUNTS: WellKnownAccount[] = [
  { sid: 'S-1-5-18', names: ['system', 'local system', 'localsystem'], authorities: ['nt authority'], service: true },
  { sid: 'S-1-5-19', names: ['local service', 'localservice'], authorities: ['nt authority'], service: true },
  { sid: 'S-1-5-20', names: ['network service', 'networkservice'], authorities: ['nt authority'], service: true },
  { sid: 'S-1-5-32-544', names: ['administrators'], authorities: ['builtin'], group: true },
  { sid: 'S-1-5-32-545', names: ['users'], authorities: ['builtin'], group: true },
  { sid: 'S-1-5-32-547', names: ['power users'], authorities: ['builtin'], group: true },
  { sid: 'S-1-1-0', names: ['everyone'], authorities: [], group: true },
  { sid: 'S-1-5-4', names: ['interactive'], authorities: ['nt authority'], group: true },
  { sid: 'S-1-5-11', names: ['authenticated users'], authorities: ['nt authority'], group: true },
];

const SID_PATTERN = /^s-1(-\d+)+$/i;

function lookup(account: string): WellKnownAccount | undefined {
  const text = account.trim().toLowerCase();
  if (SID_PATTERN.test(text)) return ACCOUNTS.find((a) => a.sid.toLowerCase() === text);
  const slash = text.lastIndexOf('\\');
  const authority = slash >= 0 ? text.slice(0, slash) : undefined;
  const name = slash >= 0 ? text.slice(slash + 1) : text;
  return ACCOUNTS.find(
    (a) => a.names.includes(name) && (authority === undefined || authority === '.' || a.authorities.includes(authority)),
  );
}

/** The SID of a well-known account name (any accepted spelling), or undefined. */
export function wellKnownSid(account: string): string | undefined {
  return lookup(account)?.sid;
}

/**
 * One spelling per account: a well-known account becomes its SID; any other
 * SID is upper-cased; any other name is returned trimmed, unchanged otherwise
 * (a domain or local user cannot be resolved without the machine).
 */
export function canonicalAccount(account: string): string {
  const known = lookup(account);
  if (known) return known.sid;
  const text = account.trim();
  return SID_PATTERN.test(text) ? text.toUpperCase() : text;
}

/**
 * How a person reads an account: `SYSTEM (S-1-5-18)` for a well-known account in any
 * spelling, anything else as written.
 */
export function describeAccount(account: string): string {
  const known = lookup(account);
  if (!known) return account;
  const name = known.names[0]!.toUpperCase();
  const authority = known.authorities[0] === 'builtin' ? 'BUILTIN\\' : '';
  return `${authority}${name} (${known.sid})`;
}

/** SYSTEM, LOCAL SERVICE, NETWORK SERVICE (any spelling). */
export function isServiceAccount(account: string): boolean {
  return lookup(account)?.service === true;
}

/** Whether two account spellings name the same well-known account or the same text (case-insensitive). */
export function sameAccount(a: string, b: string): boolean {
  return canonicalAccount(a).toLowerCase() === canonicalAccount(b).toLowerCase();
}
