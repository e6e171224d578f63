/**
 * The declaration language: what a config file may say (zod schemas and their types),
 * the typed helpers for writing one, loading it, and compiling it to the wire model.
 */
export { defineConfig, defineTask } from './define.js';
export { every, onDemand, daily, weekly, atBoot, atLogon, type EveryOptions } from './trigger-helpers.js';
export { compileConfig, type CompileOptions } from './compile-config.js';
export { toDefinition } from './to-definition.js';
export { loadConfig, CONFIG_EXTENSIONS, DEFAULT_CONFIG_TIMEOUT_MS, type LoadConfigOptions } from './load-config.js';
export { createModuleImporter, type ModuleImporter } from './import-module.js';
export { ConfigLoadError } from './config-load-error.js';
export type { CompiledConfig, DeclaredTask } from './compiled.js';
export { configSchema, prefixSchema, DEFAULT_PREFIX, type ConfigDeclaration, type ConfigDeclarationInput } from './config-schema.js';
export { taskDeclarationSchema, taskNameSchema, taskFolderSchema, type TaskDeclaration, type TaskDeclarationInput } from './task-schema.js';
export {
  triggerSchema, TRIGGER_TYPES, type TriggerDeclaration, type TriggerDeclarationInput,
  type TimeTriggerDeclarationInput, type DailyTriggerDeclarationInput, type WeeklyTriggerDeclarationInput,
  type BootTriggerDeclarationInput, type LogonTriggerDeclarationInput,
} from './trigger-schema.js';
export { repeatSchema, type Repeat, type RepeatInput } from './trigger-common-schema.js';
export {
  actionSchema, execActionSchema, comHandlerActionSchema, rawActionSchema,
  type ActionDeclaration, type ActionDeclarationInput, type ExecActionDeclaration, type ComHandlerActionDeclaration, type RawActionDeclaration,
} from './action-schema.js';
export { principalSchema, PASSWORD_LOGON_TYPES, type PrincipalDeclaration, type PrincipalDeclarationInput } from './principal-schema.js';
export { settingsSchema, type SettingsDeclaration, type SettingsDeclarationInput } from './settings-schema.js';
export { durationSchema, parseDurationInput, type Duration, type DurationInput } from './duration-input.js';
export { dateTimeSchema, parseDateTimeInput, type DateTime, type DateTimeInput } from './date-time-input.js';
export { quoteWindowsArgument, joinWindowsArguments, splitWindowsArguments } from '../schtasks/command-line.js';
export { taskNameProblems, taskFolderProblems, MAX_TASK_PATH_LENGTH, FORBIDDEN_NAME_CHARACTERS } from '../schtasks/task-path.js';
