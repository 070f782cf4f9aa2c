// The building blocks of rule options. Each rule declares its options next to its code, as a zod object schema in
// which every option has its default (and a description, and its range where it has one); see `options` in
// DocumentRule and RuleMeta (rule.ts). The registry reads these schemas to validate the config before any file is read
// (pipeline/registry.ts) and to write the published JSON Schema (schema/config.schema.json). The values a rule gets are
// its defaults with the user's options merged over them (config.ts ruleOptions).
import { z } from 'zod';

/** A number from 0 to 1 (a share, a similarity). */
export const fraction = () => z.number().min(0).max(1);
/** A number that must not be negative (a count, a length, a tolerance). */
export const nonNegative = () => z.number().min(0);
/** A list of strings (keyphrases, attributes). */
export const strings = () => z.array(z.string());

const validRegExp = (source: string) => {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
};
/** The source of a regular expression (case-insensitive, Unicode), refused at config time when it does not compile. */
export const regExpSource = () => z.string().refine(validRegExp, { message: 'expected a valid regular expression' });

/** A rule's options schema as the config validates it: unknown option names rejected. */
export const strictOptions = (options: z.ZodObject | undefined): z.ZodObject => (options ?? z.object({})).strict();

/** Every option's default (options without a default, such as claim-conflict's `verifier`, are left out). */
export function defaultsOf<Schema extends z.ZodObject>(options: Schema): z.output<Schema> {
  return options.parse({});
}
