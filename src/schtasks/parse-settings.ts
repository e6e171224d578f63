/** `<Settings>` → `Settings`, by element name. */
import { ElementReader } from './element-reader.js';
import { MULTIPLE_INSTANCES_POLICIES, type MaintenanceSettings, type RestartOnFailure, type Settings } from './model.js';
import { dropUndefined } from './object-utils.js';

export function readSettings(r: ElementReader): Settings {
  const settings: Settings = {
    allowStartOnDemand: r.bool('AllowStartOnDemand'),
    restartOnFailure: readRestartOnFailure(r),
    multipleInstancesPolicy: r.oneOf('MultipleInstancesPolicy', MULTIPLE_INSTANCES_POLICIES),
    disallowStartIfOnBatteries: r.bool('DisallowStartIfOnBatteries'),
    stopIfGoingOnBatteries: r.bool('StopIfGoingOnBatteries'),
    allowHardTerminate: r.bool('AllowHardTerminate'),
    startWhenAvailable: r.bool('StartWhenAvailable'),
    networkProfileName: r.text('NetworkProfileName'),
    runOnlyIfNetworkAvailable: r.bool('RunOnlyIfNetworkAvailable'),
    wakeToRun: r.bool('WakeToRun'),
    enabled: r.bool('Enabled'),
    hidden: r.bool('Hidden'),
    deleteExpiredTaskAfter: r.token('DeleteExpiredTaskAfter'),
    idleSettings: readGroup(r, 'IdleSettings', (s) => ({
      duration: s.token('Duration'),
      waitTimeout: s.token('WaitTimeout'),
      stopOnIdleEnd: s.bool('StopOnIdleEnd'),
      restartOnIdle: s.bool('RestartOnIdle'),
    })),
    networkSettings: readGroup(r, 'NetworkSettings', (s) => ({ name: s.text('Name'), id: s.token('Id') })),
    executionTimeLimit: r.token('ExecutionTimeLimit'),
    priority: r.int('Priority'),
    runOnlyIfIdle: r.bool('RunOnlyIfIdle'),
    useUnifiedSchedulingEngine: r.bool('UseUnifiedSchedulingEngine'),
    disallowStartOnRemoteAppSession: r.bool('DisallowStartOnRemoteAppSession'),
    maintenanceSettings: readMaintenance(r),
    volatile: r.bool('Volatile'),
  };
  r.finish();
  return dropUndefined(settings);
}

function readGroup<T extends object>(parent: ElementReader, name: string, read: (r: ElementReader) => T): T | undefined {
  const r = parent.reader(name);
  if (!r) return undefined;
  const value = dropUndefined(read(r));
  r.finish();
  return value;
}

function readRestartOnFailure(parent: ElementReader): RestartOnFailure | undefined {
  const r = parent.reader('RestartOnFailure');
  if (!r) return undefined;
  const interval = r.token('Interval');
  const count = r.int('Count');
  r.finish();
  if (interval === undefined || count === undefined) {
    r.warn('needs both Interval and Count; ignored');
    return undefined;
  }
  return { interval, count };
}

function readMaintenance(parent: ElementReader): MaintenanceSettings | undefined {
  const r = parent.reader('MaintenanceSettings');
  if (!r) return undefined;
  const value = dropUndefined({ period: r.token('Period') ?? '', deadline: r.token('Deadline'), exclusive: r.bool('Exclusive') });
  r.finish();
  if (value.period === '') {
    r.warn('MaintenanceSettings without Period; ignored');
    return undefined;
  }
  return value;
}
