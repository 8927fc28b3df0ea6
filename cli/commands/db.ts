import type { Command } from './index.ts';
export const dbCommand: Command = { summary: 'database schema: migrate | status', async run() { return 1; } };
