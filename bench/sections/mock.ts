import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

export async function mockSection(_ctx: Ctx): Promise<Section> {
  return { id: 'mock', title: 'mock', status: 'unavailable', rows: [], targets: [], notes: ['not written yet'] };
}
