/**
 * The stdin document of apply-tasks.ps1: the operations in order, each register
 * carrying its XML (declaring UTF-16, as COM strings are — pitfall 33) and the
 * logon type to register with; passwords travel in a separate map, only for the
 * tasks whose principal needs one, and are never printed back.
 */
import type { ChangeOperation } from './backend.js';
import { declareEncoding } from '../encoding.js';
import { isServiceAccount } from '../well-known-accounts.js';
import { fullTaskPath, normalizeFolder, taskPathKey } from '../task-path.js';

/** TASK_LOGON_TYPE, by the name the XML uses. */
export const LOGON_TYPE_NUMBERS = {
  None: 0,
  Password: 1,
  S4U: 2,
  InteractiveToken: 3,
  Group: 4,
  ServiceAccount: 5,
  InteractiveTokenOrPassword: 6,
} as const;

interface PayloadOperation {
  action: ChangeOperation['action'];
  /** `\` or `\Sub\`. */
  folder: string;
  name: string;
  /** Full task path; also the key of `passwords`. */
  path: string;
  /** Register operations: the XML exactly as Task Scheduler gets it. */
  xml?: string;
  /** Register operations: the TASK_LOGON_TYPE number to register with. */
  logonType?: number;
  /** Only when a password is sent for this task: the account it belongs to. */
  userId?: string;
}

export interface ApplyPayload {
  operations: PayloadOperation[];
  /**
   * Full task path → password as base64 of its UTF-8 bytes, only for tasks that need one.
   * Base64 because PowerShell 7's ConvertFrom-Json turns date-like strings into DateTime,
   * which would silently change a password such as `2025-01-01T00:00:00`.
   */
  passwords?: Record<string, string>;
}

/** A task whose principal needs a password that was not given. */
export interface MissingPassword {
  task: string;
  userId?: string;
}

export interface PrincipalSummary {
  userId?: string;
  groupId?: string;
  logonType?: string;
}

/** UserId/GroupId/LogonType of the task's principal, read cheaply from the XML text. */
export function principalOf(xml: string): PrincipalSummary {
  const block = /<Principal\b[^>]*>([\s\S]*?)<\/Principal>/.exec(xml)?.[1];
  if (block === undefined) return {};
  const text = (element: string) => {
    const value = new RegExp(`<${element}>([^<]*)</${element}>`).exec(block)?.[1];
    return value === undefined ? undefined : decodeEntities(value.trim());
  };
  const summary: PrincipalSummary = {};
  const userId = text('UserId');
  const groupId = text('GroupId');
  const logonType = text('LogonType');
  if (userId) summary.userId = userId;
  if (groupId) summary.groupId = groupId;
  if (logonType) summary.logonType = logonType;
  return summary;
}

/** The logon type to register with: the XML's own, else what its principal implies. */
export function logonTypeNumber(principal: PrincipalSummary): number {
  const named = principal.logonType as keyof typeof LOGON_TYPE_NUMBERS | undefined;
  if (named !== undefined && named in LOGON_TYPE_NUMBERS) return LOGON_TYPE_NUMBERS[named];
  if (principal.groupId) return LOGON_TYPE_NUMBERS.Group;
  if (principal.userId && isServiceAccount(principal.userId)) return LOGON_TYPE_NUMBERS.ServiceAccount;
  return LOGON_TYPE_NUMBERS.InteractiveToken;
}

/** Logon types Windows only accepts with the account's password at registration. */
function needsPassword(logonType: number): boolean {
  return logonType === LOGON_TYPE_NUMBERS.Password || logonType === LOGON_TYPE_NUMBERS.InteractiveTokenOrPassword;
}

/** The payload for `operations`, and the tasks that need a password nobody gave. */
export function buildApplyPayload(
  operations: ChangeOperation[],
  passwords: Record<string, string> = {},
): { payload: ApplyPayload; missingPasswords: MissingPassword[] } {
  const byPath = new Map(Object.entries(passwords).map(([path, pw]) => [taskPathKey(path), pw]));
  const sent: Record<string, string> = {};
  const missingPasswords: MissingPassword[] = [];
  const payloadOps = operations.map((op): PayloadOperation => {
    const folder = normalizeFolder(op.folder);
    const path = fullTaskPath(folder, op.name);
    if (op.action === 'delete') return { action: op.action, folder, name: op.name, path };
    const xml = declareEncoding(op.xml.replace(/^\uFEFF/, ''), 'UTF-16');
    const principal = principalOf(xml);
    const logonType = logonTypeNumber(principal);
    const entry: PayloadOperation = { action: op.action, folder, name: op.name, path, xml, logonType };
    if (needsPassword(logonType)) {
      const password = byPath.get(taskPathKey(path));
      if (password === undefined || !principal.userId) missingPasswords.push({ task: path, ...(principal.userId ? { userId: principal.userId } : {}) });
      else {
        entry.userId = principal.userId;
        sent[path] = Buffer.from(password, 'utf8').toString('base64');
      }
    }
    return entry;
  });
  const payload: ApplyPayload = { operations: payloadOps };
  if (Object.keys(sent).length > 0) payload.passwords = sent;
  return { payload, missingPasswords };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
