import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

export async function scaleSection(_ctx: Ctx): Promise<Section> {
  return { id: 'scale', title: 'scale', status: 'unavailable', rows: [], targets: [], notes: ['not written yet'] };
}
