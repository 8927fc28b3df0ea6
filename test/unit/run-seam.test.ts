import { runSeam } from '../support/run-seam.ts';

// The one harness every CLI test uses: exit code, both streams, the environment it is given.
describe('runSeam', () => {
  it('reports a clean run with its stdout', async () => {
    const run = await runSeam(['config', '--check'], { env: { SEAM_BRIDGE_CONCURRENCY: undefined } });
    expect(run).toMatchObject({ code: 0, signal: null, timedOut: false, stderr: '' });
    expect(run.stdout).toContain('configuration is valid');
  });

  it('passes the environment it is given and reports the exit code and stderr of a failure', async () => {
    const run = await runSeam(['config', '--check'], { env: { SEAM_BRIDGE_CONCURRENCY: 'abc' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SEAM_BRIDGE_CONCURRENCY');
    expect(run.output).toContain(run.stderr);
  });

  it('kills a run that outlives its timeout and says so', async () => {
    const run = await runSeam(['config', '--check'], { timeoutMs: 1 });
    expect(run).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: true });
  });
});
