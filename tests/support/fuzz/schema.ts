// Reads the fields of the zod schemas the route handlers validate with (zod 4's definitions), so the
// fuzzer's bodies follow each payload's own field names, types and limits, and builds fast-check
// arbitraries from them: plausible values, values at each limit and just past it. Formats a type
// cannot express (an email, a date, a hobby id that exists) come from hints given per field name.
import fc from "fast-check";
import type { z } from "zod";
import type { Tree } from "./json";

export type Shape =
  | { kind: "string"; min: number; max: number; pattern?: RegExp }
  | { kind: "int"; min: number; max: number }
  | { kind: "boolean" }
  | { kind: "array"; max: number; element: Shape }
  | { kind: "enum"; values: string[] }
  | { kind: "other" };

export interface Field {
  name: string;
  required: boolean;
  nullable: boolean;
  shape: Shape;
}

interface Def {
  type: string;
  format?: string;
  checks?: Array<{ _zod: { def: Record<string, unknown> } }>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Follows wrappers (optional, default, nullable, transforms) down to the type that reads the input. */
function unwrap(schema: z.ZodType): { def: Def; required: boolean; nullable: boolean } {
  let def = defOf(schema);
  let required = true;
  let nullable = false;
  for (;;) {
    if (def.type === "optional" || def.type === "default" || def.type === "prefault") required = false;
    if (def.type === "nullable") nullable = true;
    const next = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
    if (!next) return { def, required, nullable };
    def = defOf(next);
  }
}

function shapeOf(def: Def): Shape {
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  const bound = (name: string, key: string) => checks.find((check) => check.check === name)?.[key] as number | undefined;
  switch (def.type) {
    case "string": {
      const pattern = checks.find((check) => check.check === "string_format" && check.format === "regex")?.pattern as RegExp | undefined;
      return { kind: "string", min: bound("min_length", "minimum") ?? 0, max: bound("max_length", "maximum") ?? 1_000, pattern };
    }
    case "number":
      return {
        kind: "int",
        min: bound("greater_than", "value") ?? Number.MIN_SAFE_INTEGER,
        max: bound("less_than", "value") ?? Number.MAX_SAFE_INTEGER,
      };
    case "boolean":
      return { kind: "boolean" };
    case "array":
      return { kind: "array", max: bound("max_length", "maximum") ?? 100, element: shapeOf(unwrap(def.element!).def) };
    case "enum":
      return { kind: "enum", values: Object.values(def.entries ?? {}) };
    default:
      return { kind: "other" };
  }
}

/** The fields of an object schema (or of the object inside a transformed one). */
export function fieldsOf(schema: z.ZodType): Field[] {
  const { def } = unwrap(schema);
  if (def.type !== "object" || !def.shape) throw new Error(`not an object schema: ${def.type}`);
  return Object.entries(def.shape).map(([name, field]) => {
    const { def: inner, required, nullable } = unwrap(field);
    return { name, required, nullable, shape: shapeOf(inner) };
  });
}

/** A value of the shape: mostly within its limits, sometimes exactly at or just past one of them. */
export function valueOf(shape: Shape): fc.Arbitrary<Tree> {
  switch (shape.kind) {
    case "string": {
      const within = shape.pattern
        ? fc.stringMatching(shape.pattern).map((value) => value.slice(0, shape.max))
        : fc.string({ unit: "grapheme", minLength: shape.min, maxLength: Math.min(shape.max, 24) });
      return fc.oneof(
        { arbitrary: within, weight: 8 },
        { arbitrary: fc.constantFrom("a".repeat(shape.max), "я".repeat(shape.max + 1), "😀".repeat(shape.max)), weight: 1 },
      );
    }
    case "int": {
      const edges = [shape.min, shape.max, shape.min - 1, shape.max + 1].filter(Number.isSafeInteger);
      return fc.oneof(
        { arbitrary: fc.integer({ min: shape.min, max: shape.max }), weight: 4 },
        { arbitrary: fc.constantFrom(...edges), weight: 1 },
      );
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.oneof(
        { arbitrary: fc.array(valueOf(shape.element), { maxLength: Math.min(shape.max, 6) }), weight: 8 },
        {
          arbitrary: fc
            .constantFrom(shape.max, shape.max + 1)
            .chain((length) => fc.array(valueOf(shape.element), { minLength: length, maxLength: length })),
          weight: 1,
        },
      );
    case "enum":
      return fc.oneof(
        { arbitrary: fc.constantFrom(...shape.values), weight: 6 },
        { arbitrary: fc.constantFrom("", "Google-OAuth2", "facebook"), weight: 1 },
      );
    case "other":
      return fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Tree>;
  }
}
