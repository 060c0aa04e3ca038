#!/usr/bin/env node
// Shim for `npx ngt`: the command itself is compiled from cli/main.ts into dist/cli/main.js.
import '../dist/cli/main.js';
