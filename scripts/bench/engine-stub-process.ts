// The engine stub in a process of its own, so the capacity figures charge the bridge's process only with
// the bridge's work (an engine runs elsewhere). Started by startEngineStubProcess; talks over IPC.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEngineStub, type RecordedAnswer } from './engine-proxy.ts';

type Request = { answers: [string, RecordedAnswer][] } | { counts: true } | { close: true };
type Reply = { url: string } | { counts: [string, number][] } | { closed: true };

export interface EngineStubProcess {
  url: string;
  pid: number;
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function startEngineStubProcess(answers: Map<string, RecordedAnswer>): Promise<EngineStubProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <R extends Reply>(req: Request): Promise<R> =>
    new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m as R));
      child.once('exit', (code) => reject(new Error(`the engine stub exited (${code})`)));
      child.send(req);
    });
  const { url } = await ask<{ url: string }>({ answers: [...answers] });
  return {
    url,
    pid: child.pid!,
    counts: async () => new Map((await ask<{ counts: [string, number][] }>({ counts: true })).counts),
    close: async () => {
      await ask({ close: true });
      child.disconnect();
    },
  };
}

if (process.argv[2] === 'child') {
  let stub: Awaited<ReturnType<typeof startEngineStub>> | undefined;
  process.on('message', async (req: Request) => {
    if ('answers' in req) {
      stub = await startEngineStub(new Map(req.answers));
      process.send!({ url: stub.url } satisfies Reply);
    } else if ('counts' in req) {
      process.send!({ counts: [...stub!.counts] } satisfies Reply);
    } else {
      await stub?.close();
      process.send!({ closed: true } satisfies Reply, () => process.exit(0));
    }
  });
}
