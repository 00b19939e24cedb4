import type { Ctx } from '../lib/context.ts';
import type { Section } from '../lib/types.ts';

export async function e2eSection(_ctx: Ctx): Promise<Section> {
  return { id: 'e2e', title: 'e2e', status: 'unavailable', rows: [], targets: [], notes: ['not written yet'] };
}
