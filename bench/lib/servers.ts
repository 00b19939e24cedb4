/** Starting the processes the sections measure against, and the synthetic spec files they read. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startChild, type Child } from './proc.ts';
import { syntheticSpec } from './synthetic.ts';

/** The embedded verikit mock of one provider in its own process (bench/servers/verikit-mock.ts); with `profileDir`, SIGUSR2 starts its CPU profile. */
export async function startVerikitMock(root: string, provider: string, profileDir?: string): Promise<{ child: Child; url: string }> {
  const env = profileDir ? { VK_PROFILE_DIR: profileDir } : undefined;
  const child = await startChild(process.execPath, ['--import', 'tsx', join(root, 'bench/servers/verikit-mock.ts'), provider], { cwd: root, waitFor: 'json', env });
  return { child, url: (child.info.urls as Record<string, string>)[provider] };
}

/** Runs `fn` with the bench's generic mock serving `specFile` in its own process. */
export async function withGenericMock<T>(root: string, specFile: string, fn: (url: string) => Promise<T>): Promise<T> {
  const mock = await startChild(process.execPath, ['--import', 'tsx', join(root, 'bench/servers/generic-mock.ts'), specFile], { cwd: root, waitFor: 'json', timeoutMs: 300_000 });
  try {
    return await fn(mock.info.url as string);
  } finally {
    await mock.stop();
  }
}

/** Writes a synthetic spec of `ops` operations as `<dir>/jiguang-jverification.yaml` (the file name must be the provider id). */
export function writeSyntheticSpec(dir: string, ops: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'jiguang-jverification.yaml');
  writeFileSync(file, stringify(syntheticSpec(ops)));
  return file;
}

/** Cases the engine derives from one synthetic operation (to size a run of N cases). */
export async function syntheticCasesPerOp(root: string): Promise<number> {
  const { buildSpec } = await import(`${root}/src/spec/build.ts`);
  const { generateCases } = await import(`${root}/src/cases/index.ts`);
  return (generateCases([buildSpec(syntheticSpec(1), 'synthetic.yaml')], { seed: 1 }) as { cases: unknown[] }).cases.length;
}
