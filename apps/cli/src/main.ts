#!/usr/bin/env node
// The `natscope` executable (`pnpm natscope …` runs it through tsx): wire the real process to runCli.
import { processIo } from './io.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
