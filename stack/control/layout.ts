import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { repoRoot } from '../../platform/config.ts';

/** Where each part of the local stack keeps its files; everything lives under SEAM_HOME (ignored by git). */
export interface StackLayout {
  home: string;
  runDir: string;
  logDir: string;
  kafkaDataDir: string;
  kafkaConfigFile: string;
  postgresDataDir: string;
  postgresSocketDir: string;
  kafkaProject: string;
  kafkaClasspathFile: string;
  kafkaLog4jConfig: string;
}

export function stackLayout(home: string): StackLayout {
  const stackSrc = path.join(repoRoot, 'stack');
  return {
    home,
    runDir: path.join(home, 'run'),
    logDir: path.join(home, 'logs'),
    kafkaDataDir: path.join(home, 'data', 'kafka'),
    kafkaConfigFile: path.join(home, 'data', 'kafka-server.properties'),
    postgresDataDir: path.join(home, 'data', 'postgres'),
    postgresSocketDir: path.join(home, 'run', 'pg-socket'),
    kafkaProject: path.join(stackSrc, 'kafka'),
    kafkaClasspathFile: path.join(stackSrc, 'kafka', 'target', 'classpath.txt'),
    kafkaLog4jConfig: path.join(stackSrc, 'kafka', 'log4j2.properties'),
  };
}

export function ensureStackDirs(layout: StackLayout): void {
  for (const dir of [layout.runDir, layout.logDir, path.dirname(layout.kafkaDataDir)]) mkdirSync(dir, { recursive: true });
}

export const logFileOf = (layout: StackLayout, part: string): string => path.join(layout.logDir, `${part}.log`);
