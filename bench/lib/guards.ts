/**
 * Hand-written type guards for the three-way validation comparison, keyed provider/operationId/status.
 * Each checks exactly what the spec's schema says (required fields, types), nothing more.
 */
type Guard = (body: unknown) => boolean;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

/** specs/alibaba-dypnsapi-intl.yaml #/components/schemas/StartVerificationResponse */
function startVerificationResponse(b: unknown): boolean {
  if (!isObj(b)) return false;
  if (typeof b.RequestId !== 'string' || typeof b.Code !== 'string' || typeof b.Message !== 'string' || typeof b.Success !== 'boolean') return false;
  const m = b.Model;
  if (m === undefined) return true;
  return isObj(m) && optString(m.verifyCode) && optString(m.verificationId) && optString(m.status);
}

export const HAND_GUARDS: Record<string, Guard> = {
  'alibaba-dypnsapi-intl/StartVerification/200': startVerificationResponse,
};
