/**
 * `taskctl render [--out DIR]`: the XML of every declared task, as files in the
 * System32\Tasks layout (UTF-16LE with BOM) or on stdout.
 */
import { join } from 'node:path';
import { defineCommand, fromCwd, withDeclarationOptions } from '../command.js';
import { loadDeclarations } from '../load-declarations.js';


export const renderCommand = defineCommand({
  builder: (y) =>
    withDeclarationOptions(y)
      .option('out', { type: 'string', describe: 'Folder for OUT/<task folder>/<task name>.xml files (UTF-16LE with BOM); default: stdout' })
      .example('taskctl render', 'print the XML of the built-in fleet')
      .example('taskctl render --out build/tasks', 'one file per task, ready for schtasks /create /xml'),
  async run(args, ctx) {
    const config = await loadDeclarations(args, ctx);
    const [{ renderTaskXml }, { encodeTaskFile }] = await Promise.all([
      import('../../schtasks/render-task-xml.js'),
      import('../../schtasks/encoding.js'),
    ]);
    if (args.out === undefined) {
      ctx.stdout.write(config.tasks.map((task) => renderTaskXml(task.definition)).join('\n'));
      return 0;
    }
    const outDir = fromCwd(ctx, args.out);
    for (const task of config.tasks) {
      const folder = join(outDir, ...task.folder.split('\\').filter(Boolean));
      await ctx.fs.mkdir(folder, { recursive: true });
      const file = join(folder, `${task.name}.xml`);
      await ctx.fs.writeFile(file, encodeTaskFile(renderTaskXml(task.definition)));
      ctx.logger.info(`wrote ${file}`);
    }
    ctx.logger.info(`Rendered ${config.tasks.length} task${config.tasks.length === 1 ? '' : 's'} to ${outDir}.`);
    return 0;
  },
});
