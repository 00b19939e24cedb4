import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

export async function engineSection(_ctx: Ctx): Promise<Section> {
  return { id: 'engine', title: 'engine', status: 'unavailable', rows: [], targets: [], notes: ['not written yet'] };
}
