#!/usr/bin/env node
// The `seam` bin. Seam is written in TypeScript and run through tsx's loader, so there is no build step
// between editing and running; the loader is registered here, before the first .ts import.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
