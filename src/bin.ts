#!/usr/bin/env node
/** The only file that touches `process`: run the CLI with the real Context and exit with its code. */
import module from 'node:module';

// Node 22.1+ keeps the compiled code of every module on disk between runs (in the OS temp
// folder), which roughly halves start-up; older Nodes lack the call and start as before.
// It has to run before the CLI's modules load, hence the dynamic imports below.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const [{ main, saveCodeCaches }, { createRealContext }] = await Promise.all([import('./cli/main.js'), import('./cli/real-context.js')]);
process.exitCode = await main(process.argv.slice(2), createRealContext());
saveCodeCaches();
