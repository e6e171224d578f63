/**
 * Who holds a lock, and whether a holder is still alive. Injectable so lock
 * tests can play two processes and a dead one without spawning anything.
 */
import { hostname } from 'node:os';

export interface ProcessIdentity {
  pid: number;
  host: string;
  /** True when a process with this id runs on this host. */
  isProcessAlive(pid: number): boolean;
}

/** This process, on this host; liveness by signal 0 (which checks existence and sends nothing). */
export function currentProcessIdentity(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), isProcessAlive };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPERM';
  }
}
