// The published JSON Schema of the config (schema/config.schema.json): the config keys plus, per rule of the
// registry, its severity and options (scripts/generate-schema.mjs writes it; test/registry.test.ts checks it).
import { configJsonSchema } from './config.js';
import { registeredRules, type Registry } from './registry.js';

export function fullConfigJsonSchema(registry?: Registry): Record<string, unknown> {
  return configJsonSchema(registeredRules(registry));
}
