#!/usr/bin/env node
// Runs `seam` from source through tsx's loader, with no build step between editing and running; tests
// and `npm run seam` use it. The package's `bin` is the compiled dist/seam.js (`npm run build`).
import { register } from 'tsx/esm/api';

register();
await import('./bin.ts');
