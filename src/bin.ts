#!/usr/bin/env node
/** The only file that touches `process`: run the CLI with the real Context and exit with its code. */
import { main } from './cli/main.js';
import { createRealContext } from './cli/real-context.js';

process.exitCode = await main(process.argv.slice(2), createRealContext());
