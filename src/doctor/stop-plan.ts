/**
 * What `doctor --stop` ends: the processes of the loop, stray and duplicate findings, then
 * their child processes — but only children whose own command line runs a job (the launcher's
 * interpreter, a health check a loop started). A child that runs something else (a console
 * host, an editor, the LLM server a monitor restarted) is left running and listed, because
 * `--stop` never ends a process whose command line does not name a declared job's or a live
 * task's command or script. Parents come before their children, so a loop can't start a new
 * child after its old ones are gone.
 */
import type { Diagnosis, StopCandidate } from './diagnose.js';
import type { SnapshotProcess } from './snapshot.js';

export interface StopTarget {
  process: SnapshotProcess;
  /** Why: the finding kinds, or `child of <pid>`. */
  reasons: string[];
}

export interface StopPlan {
  targets: StopTarget[];
  /** Children of targets that run no job: not ended. */
  leftRunning: Array<{ process: SnapshotProcess; parentPid: number }>;
}

/** How one pid fared. `changed`: the pid now belongs to another process (it ended and the number was reused). */
export type StopStatus = 'ended' | 'access-denied' | 'gone' | 'changed' | 'failed';

export interface StopResult {
  pid: number;
  status: StopStatus;
  message?: string;
}

export function planStop(diagnosis: Diagnosis): StopPlan {
  const { model } = diagnosis;
  const chosen = new Map<number, StopTarget>();
  const depth = new Map<number, number>();
  const leftRunning: StopPlan['leftRunning'] = [];
  const queue: Array<{ process: SnapshotProcess; depth: number }> = [];
  const take = (candidate: StopCandidate) => {
    chosen.set(candidate.process.pid, { process: candidate.process, reasons: [...candidate.reasons] });
    depth.set(candidate.process.pid, 0);
    queue.push({ process: candidate.process, depth: 0 });
  };
  for (const candidate of diagnosis.candidates) take(candidate);

  const seen = new Set<number>(chosen.keys());
  for (let i = 0; i < queue.length; i++) {
    const { process, depth: level } = queue[i]!;
    for (const child of model.children.get(process.pid) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      queue.push({ process: child, depth: level + 1 });
      // The safety rule: a child is ended only when it runs a job itself.
      if (model.runOf.has(child.pid)) {
        chosen.set(child.pid, { process: child, reasons: [`child of ${process.pid}`] });
        depth.set(child.pid, level + 1);
      } else {
        leftRunning.push({ process: child, parentPid: process.pid });
      }
    }
  }
  const order = new Map([...chosen.keys()].map((pid, i) => [pid, i]));
  const targets = [...chosen.values()].sort(
    (a, b) => (depth.get(a.process.pid) ?? 0) - (depth.get(b.process.pid) ?? 0) || (order.get(a.process.pid) ?? 0) - (order.get(b.process.pid) ?? 0),
  );
  return { targets, leftRunning };
}
