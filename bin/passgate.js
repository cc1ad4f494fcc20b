#!/usr/bin/env node
// The passgate command line; the implementation is compiled from sdk/cli/ (npm run build).
import { main } from '../dist/sdk/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
