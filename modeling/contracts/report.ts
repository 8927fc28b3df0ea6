import { createRequire } from 'node:module';
import { createModdle, type BpmnModdleInstance } from '../lint/bpmnlint-runtime.ts';
import { summariesOfXml } from '../lint/baseline.ts';
import { diffVersions, type EventChange, type VersionSide } from './report-changes.ts';
import { eventRows, type EventRow } from './report-events.ts';
import type { ProcessVersion, VersionPair } from './report-sources.ts';
import { ReportInputError } from './report-sources.ts';

const require = createRequire(import.meta.url);

export interface VersionRef {
  label: string;
  file: string;
}

/** One process: its events in the newer version and, given two versions, what changed. */
export interface ProcessReport {
  processKey: string;
  processName: string | null;
  /** Null when there is no earlier version to compare with. */
  from: VersionRef | null;
  /** Null when the process is gone in the newer version. */
  to: VersionRef | null;
  events: EventRow[];
  changes: EventChange[] | null;
  breakingCount: number;
}

export interface ContractsReport {
  processes: ProcessReport[];
  breakingCount: number;
}

/** Builds the report for each pair: the newer version's events and the changes from the older one. */
export async function buildContractsReport(pairs: VersionPair[]): Promise<ContractsReport> {
  const moddle = createModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') });
  const processes: ProcessReport[] = [];
  for (const pair of pairs) {
    const before = pair.previous ? await rowsOf(pair.previous, moddle) : null;
    const after = pair.current ? await rowsOf(pair.current, moddle) : null;
    const changes = before && after ? diffVersions(before, after, pair.current!.retired) : before ? removedProcess(before) : null;
    const breakingCount = changes?.filter((c) => c.breaking).length ?? 0;
    processes.push({
      processKey: pair.processKey,
      processName: after?.processName ?? before?.processName ?? null,
      from: pair.previous ? { label: pair.previous.label, file: pair.previous.file } : null,
      to: pair.current ? { label: pair.current.label, file: pair.current.file } : null,
      events: after?.rows ?? [],
      changes,
      breakingCount,
    });
  }
  return { processes, breakingCount: processes.reduce((sum, p) => sum + p.breakingCount, 0) };
}

async function rowsOf(version: ProcessVersion, moddle: BpmnModdleInstance): Promise<VersionSide & { processName: string | null }> {
  const summaries = await summariesOfXml(version.xml, moddle);
  if (typeof summaries === 'string') throw new ReportInputError(`${version.file} (${version.label}) is not well-formed BPMN: ${summaries}`);
  const summary = summaries[version.processKey];
  if (!summary) throw new ReportInputError(`${version.file} (${version.label}) does not define process ${version.processKey}`);
  return { summary, rows: eventRows(summary, version.contract), processName: summary.processName };
}

/** A process dropped entirely: every catch goes with it. */
function removedProcess(before: VersionSide): EventChange[] {
  return diffVersions(before, { summary: { ...before.summary, events: [] }, rows: [] });
}
