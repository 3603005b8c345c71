#!/usr/bin/env node
// Runs the TypeScript entry through tsx (like `node --import tsx`), so the CLI needs no build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
