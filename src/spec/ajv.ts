/**
 * The one way verikit builds an ajv instance: JSON Schema 2020-12, strict mode, all errors, ajv-formats.
 * Used by lint, the runtime response validators and the generator (standalone code).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import addFormatsModule from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS: depending on the loader its default export is the plugin or the module object.
const addFormats: FormatsPlugin = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as unknown as FormatsPlugin;

export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false, ...options });
  addFormats(ajv);
  return ajv;
}

export type { Ajv2020 };
