import type { EventChange } from './report-changes.ts';
import type { EventRow } from './report-events.ts';
import type { ContractsReport, ProcessReport } from './report.ts';

/** The report as Markdown for a code review: one section per process, an events table and a changes table. */
export function formatMarkdown(report: ContractsReport): string {
  const sections = report.processes.map(processSection);
  const total = report.breakingCount === 0 ? 'No breaking change.' : `**${report.breakingCount} breaking change(s).**`;
  return ['# Event contracts', '', total, '', ...sections].join('\n');
}

function processSection(process: ProcessReport): string {
  const title = `## ${process.processKey}${process.processName ? ` (${process.processName})` : ''}`;
  const lines = [title, ''];
  if (process.to) {
    lines.push(`Events of ${process.to.label} (\`${process.to.file}\`):`, '', ...eventsTable(process.events), '');
  } else {
    lines.push(`Removed in the newer version (was ${process.from!.label}, \`${process.from!.file}\`).`, '');
  }
  if (process.changes === null) {
    lines.push('No earlier version to compare with.', '');
  } else if (process.changes.length === 0) {
    lines.push(`No event changes since ${process.from!.label}.`, '');
  } else {
    const breaking = process.breakingCount === 0 ? 'none breaking' : `**${process.breakingCount} breaking**`;
    lines.push(
      `Changes ${process.from!.label} → ${process.to?.label ?? '(removed)'}: ${process.changes.length}, ${breaking}.`,
      '',
      ...changesTable(process.changes),
      '',
    );
  }
  return lines.join('\n');
}

function eventsTable(events: EventRow[]): string[] {
  const header = ['kind', 'event', 'element', 'scope', 'interrupting', 'correlation', 'late policy', 'owner'];
  return table(
    header,
    events.map((e) => [
      `${e.kind} ${e.role}`,
      eventName(e),
      place(e),
      e.scopeKind === 'process' ? 'process' : `${e.scopeKind} \`${e.scope}\``,
      e.interrupting === null ? '' : e.interrupting ? 'yes' : 'no',
      correlation(e),
      e.contract ? (e.contract.latePolicy ?? '') : '*not in contract.yaml*',
      e.contract?.owner ?? '',
    ]),
  );
}

function changesTable(changes: EventChange[]): string[] {
  return table(
    ['change', 'event', 'detail', 'breaking', 'why'],
    changes.map((c) => [c.type, `${c.kind} ${c.name ? `\`${c.name}\`` : `\`${c.elementId}\``}`, c.detail, c.breaking ? '**yes**' : 'no', c.reason]),
  );
}

function eventName(e: EventRow): string {
  if (e.kind !== 'timer') return e.name ? `\`${e.name}\`` : '(unnamed)';
  const value = e.timer?.value ? ` ${e.timer.type}: \`${e.timer.value}\`` : '';
  return `${e.name ?? ''}${value}`.trim();
}

function place(e: EventRow): string {
  const name = e.elementName ? ` "${e.elementName}"` : '';
  const on = e.attachedTo ? ` on \`${e.attachedTo}\`` : '';
  return `\`${e.elementId}\`${name} (${e.elementType}${on})`;
}

function correlation(e: EventRow): string {
  const terms = e.contract;
  if (!terms?.correlation) return '';
  const keys = terms.correlation.keys.length ? `, keys ${terms.correlation.keys.map((k) => `\`${k}\``).join(', ')}` : '';
  return `business key \`${terms.correlation.businessKey}\`${keys}; idempotency \`${terms.idempotencyKey}\``;
}

function table(header: string[], rows: string[][]): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}
