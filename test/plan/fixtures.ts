/** Small builders for plan tests: declared tasks and live records in a few lines. */
import type { LiveTaskRecord, TaskDefinition, Trigger } from '../../src/schtasks/model.js';
import { renderTaskXml } from '../../src/schtasks/render-task-xml.js';
import { fullTaskPath, normalizeFolder, splitTaskPath } from '../../src/schtasks/task-path.js';
import type { DeclaredTask } from '../../src/declaration/compile-tasks.js';

export interface DefinitionOptions {
  command?: string;
  arguments?: string;
  interval?: string;
  start?: string;
  timeLimit?: string;
  policy?: TaskDefinition['settings']['multipleInstancesPolicy'];
  enabled?: boolean;
  triggers?: Trigger[];
  userId?: string;
}

/** A task like the AGI fleet's: one repeating time trigger, one exec action, SYSTEM. */
function definition(options: DefinitionOptions = {}): TaskDefinition {
  const triggers: Trigger[] = options.triggers ?? [
    { kind: 'TimeTrigger', startBoundary: options.start ?? '2025-01-01T00:12:00', repetition: { interval: options.interval ?? 'PT15M' } },
  ];
  return {
    registrationInfo: { description: 'a test task' },
    triggers,
    principal: { userId: options.userId ?? 'S-1-5-18', logonType: 'ServiceAccount', runLevel: 'LeastPrivilege' },
    settings: {
      executionTimeLimit: options.timeLimit ?? 'PT2M',
      multipleInstancesPolicy: options.policy ?? 'IgnoreNew',
      ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
    },
    actions: [{ kind: 'Exec', command: options.command ?? 'python.exe', arguments: options.arguments ?? 'C:\\AGI\\check_health.py' }],
  };
}

/** A declared task at `path` (`\AGI_X` or `\Sub\AGI_X`). */
export function declared(path: string, options: DefinitionOptions = {}, extra: Partial<DeclaredTask> = {}): DeclaredTask {
  const { folder, name } = splitTaskPath(path);
  return { folder, name, path: fullTaskPath(folder, name), definition: definition(options), needsPassword: false, ...extra };
}

/** A live record at `path` holding the rendered XML of `def` (text only, as PowerShell gives it). */
export function live(path: string, def: TaskDefinition | DefinitionOptions = {}, extra: Partial<LiveTaskRecord> = {}): LiveTaskRecord {
  const { folder, name } = splitTaskPath(path);
  const full = 'actions' in def ? def : definition(def);
  return { taskPath: normalizeFolder(folder), taskName: name, state: 'Ready', xml: renderTaskXml(full as TaskDefinition), ...extra };
}

/** Live XML as Windows exports it: metadata Windows adds, defaults written out, other spellings. */
export function windowsExport(options: { interval?: string; timeLimit?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Date>2025-01-02T10:11:12.1234567</Date>
    <Author>MACHINE\\admin</Author>
    <Description>a test task</Description>
    <URI>\\AGI_Health_Check</URI>
  </RegistrationInfo>
  <Triggers>
    <TimeTrigger>
      <Repetition>
        <Interval>${options.interval ?? 'PT15M'}</Interval>
        <StopAtDurationEnd>false</StopAtDurationEnd>
      </Repetition>
      <StartBoundary>2025-01-01T00:12:00</StartBoundary>
      <Enabled>true</Enabled>
    </TimeTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>NT AUTHORITY\\SYSTEM</UserId>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>true</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>
    <AllowHardTerminate>true</AllowHardTerminate>
    <StartWhenAvailable>false</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <IdleSettings>
      <StopOnIdleEnd>true</StopOnIdleEnd>
      <RestartOnIdle>false</RestartOnIdle>
    </IdleSettings>
    <AllowStartOnDemand>true</AllowStartOnDemand>
    <Enabled>true</Enabled>
    <Hidden>false</Hidden>
    <RunOnlyIfIdle>false</RunOnlyIfIdle>
    <WakeToRun>false</WakeToRun>
    <ExecutionTimeLimit>${options.timeLimit ?? 'PT2M'}</ExecutionTimeLimit>
    <Priority>7</Priority>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>python.exe</Command>
      <Arguments>C:\\AGI\\check_health.py</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}
