import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The pid of the process listening on a local TCP port (the engine's JVM), from `ss`. */
export function pidListeningOn(port: number): number | null {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

/** CPU seconds a process has used so far: utime + stime of /proc/<pid>/stat, in USER_HZ (100) ticks. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** TCP connections this process holds to `port` (PostgreSQL's): its socket inodes matched in /proc/net/tcp{,6}. */
export function connectionsOfThisProcessTo(port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const link = readlinkSync(`/proc/self/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m) inodes.add(m[1]!);
    } catch {
      // the fd closed meanwhile
    }
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      // remote address is column 2 (addr:port), state 01 = ESTABLISHED, inode column 9
      if (cols[2]!.endsWith(`:${hexPort}`) && cols[3] === '01' && inodes.has(cols[9]!)) n++;
    }
  }
  return n;
}
