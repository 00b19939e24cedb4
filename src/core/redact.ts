/**
 * Redaction of secrets and PII for every artifact verikit writes (reports, pacts, logs, errors).
 *
 * Two layers:
 *  1. structural (src/core/redact-fields.ts): header names, parameter/field names known to carry secrets,
 *     phone numbers or OTP codes;
 *  2. textual (src/core/redact-text.ts): every value registered with `registerSecret` (credentials read
 *     from the environment, phone numbers and codes a run used) is replaced wherever it appears, in each
 *     of its encodings (src/core/redact-forms.ts), plus patterns for signatures, Authorization values and
 *     access-key ids in free text.
 */
export { CODE_MASK, REDACTED, clearRegisteredSecrets, maskPhone, redactText, registerSecret, registeredSecrets, type SecretKind } from './redact-text.ts';
export { base64Forms } from './redact-forms.ts';
export { redactHeaders, redactLeaf, redactQuery, redactUrl, redactValue, type Direction } from './redact-fields.ts';
