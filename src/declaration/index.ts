/**
 * The declaration language: what a config file may say (zod schemas and their types),
 * the typed helpers for writing one, loading it, and compiling it to the wire model.
 */
export {
  defineConfig, defineTask, every, onDemand, daily, weekly, atBoot, atLogon, quoteWindowsArgument, joinWindowsArguments, splitWindowsArguments,
  type EveryOptions,
} from './define.js';
export { compileConfig } from './compile-config.js';
export { toDefinition, type CompileOptions, type CompiledConfig, type DeclaredTask } from './compile-tasks.js';
export { DEFAULT_PREFIX } from './plain-declaration.js';
export { loadConfig, CONFIG_EXTENSIONS, DEFAULT_CONFIG_TIMEOUT_MS, type LoadConfigOptions } from './load-config.js';
export { createModuleImporter, type ModuleImporter } from './import-module.js';
export {
  configSchema, prefixSchema, fieldTaskSchema, xmlTaskSchema, taskNameSchema, taskFolderSchema, triggerSchema, TRIGGER_TYPES,
  repeatSchema, actionSchema, execActionSchema, comHandlerActionSchema, rawActionSchema, principalSchema, settingsSchema,
  type ConfigDeclarationInput, type TaskDeclaration, type TaskDeclarationInput, type FieldTaskDeclaration, type XmlTaskDeclaration,
  type TriggerDeclaration, type TriggerDeclarationInput, type TimeTriggerDeclarationInput, type DailyTriggerDeclarationInput,
  type WeeklyTriggerDeclarationInput, type BootTriggerDeclarationInput, type LogonTriggerDeclarationInput, type Repeat, type RepeatInput,
  type ActionDeclaration, type ActionDeclarationInput, type PrincipalDeclaration, type PrincipalDeclarationInput,
  type SettingsDeclaration, type SettingsDeclarationInput,
} from './task-schema.js';
export { parseDurationInput } from '../schtasks/duration.js';
export { durationSchema, dateTimeSchema, type Duration, type DurationInput, type DateTime, type DateTimeInput } from './value-input.js';
export { taskNameProblems, taskFolderProblems, MAX_TASK_PATH_LENGTH, FORBIDDEN_NAME_CHARACTERS } from '../schtasks/task-path.js';
export { PASSWORD_LOGON_TYPES } from '../schtasks/model.js';
