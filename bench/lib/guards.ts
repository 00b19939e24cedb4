/** Hand-written type guards for the three-way validation comparison, keyed provider/operationId/status. */
type Guard = (body: unknown) => boolean;

export const HAND_GUARDS: Record<string, Guard> = {};
