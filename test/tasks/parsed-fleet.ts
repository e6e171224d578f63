/** The built-in fleet (src/tasks) parsed by the declaration language: every task field by field. */
import { fieldTaskSchema, type FieldTaskDeclaration } from '../../src/declaration/task-schema.js';
import agiFleet from '../../src/tasks/index.js';

export interface ParsedFleet {
  prefix: string;
  tasks: FieldTaskDeclaration[];
}

export function parseFleet(config: { prefix?: string; tasks: unknown[] } = agiFleet): ParsedFleet {
  return { prefix: config.prefix ?? 'AGI', tasks: config.tasks.map((task) => fieldTaskSchema.parse(task)) };
}
