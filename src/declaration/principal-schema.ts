/**
 * Who the task runs as (`Principals/Principal`): a user or a group, how it logs on, and
 * with which rights. Passwords are never part of a declaration: `apply` asks for one when
 * the logon type needs it.
 */
import { z } from 'zod';
import { LOGON_TYPES, PROCESS_TOKEN_SID_TYPES, RUN_LEVELS } from '../schtasks/model.js';
import { elementIdSchema } from './action-schema.js';

/** Logon types that need a password when the task is registered. */
export const PASSWORD_LOGON_TYPES = ['Password', 'InteractiveTokenOrPassword'] as const;

export const principalSchema = z
  .strictObject({
    /** A user account: `DOMAIN\user`, `SYSTEM`, or a SID such as `S-1-5-18`. Exclusive with `groupId`. @default the registering user */
    userId: z.string().min(1).optional(),
    /** A group name or SID (e.g. `S-1-5-32-545` for Users). Exclusive with `userId`. */
    groupId: z.string().min(1).optional(),
    /** How the account logs on. @default Task Scheduler's choice for the account (InteractiveToken for users) */
    logonType: z.enum(LOGON_TYPES).optional(),
    /** @default 'LeastPrivilege' */
    runLevel: z.enum(RUN_LEVELS).optional(),
    /** A display name for the principal. @default none */
    displayName: z.string().optional(),
    /** Privileges the task's process may have, e.g. `SeBackupPrivilege` (at most 64). @default all of the account's */
    requiredPrivileges: z.array(z.string().regex(/^Se\w+Privilege$/, 'expected a privilege constant such as "SeBackupPrivilege"')).max(64).optional(),
    /** @default 'Default' */
    processTokenSidType: z.enum(PROCESS_TOKEN_SID_TYPES).optional(),
    /** The principal's id (actions run in its context). @default written by Windows ("Author") */
    id: elementIdSchema.optional(),
  })
  .superRefine((principal, ctx) => {
    if (principal.userId !== undefined && principal.groupId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupId'],
        message: `give either userId ("${principal.userId}") or groupId ("${principal.groupId}"), not both`,
      });
    }
  });
export type PrincipalDeclaration = z.infer<typeof principalSchema>;
export type PrincipalDeclarationInput = z.input<typeof principalSchema>;
