// The bodies the fuzzer sends, as a small tree that can say what plain JS values cannot: JSON source
// kept as written (`1e400`, `9007199254740993`, 10 000 levels of nesting), objects with repeated or
// prototype keys in a chosen order (`__proto__`, `constructor`), and references to live credentials
// (an account's refresh token, a fresh Django reset token) that are only known when the request goes out.
import fc from "fast-check";

/** JSON source text, inserted as is. */
export class Raw {
  constructor(readonly text: string) {}
}

/** An object as an ordered list of entries: keys may repeat and may be `__proto__`. */
export class Entries {
  constructor(readonly entries: ReadonlyArray<readonly [string, Tree]>) {}
}

/** A value looked up when the request is sent (see RefName in ./context). */
export class Ref {
  constructor(
    readonly name: string,
    readonly index: number,
  ) {}
}

/** A string put together from parts when the request is sent (e.g. `/start ` and a link code). */
export class Concat {
  constructor(readonly parts: Tree[]) {}
}

export type Tree = null | boolean | number | string | Tree[] | Entries | Raw | Ref | Concat;

/** The JSON text of a resolved tree (no Refs left: see FuzzContext.resolve). */
export function render(tree: Tree): string {
  if (tree instanceof Raw) return tree.text;
  if (tree instanceof Ref) throw new Error(`unresolved reference ${tree.name}`);
  if (tree instanceof Concat) return JSON.stringify(tree.parts.map(formValue).join(""));
  if (tree instanceof Entries) return `{${tree.entries.map(([key, value]) => `${JSON.stringify(key)}:${render(value)}`).join(",")}}`;
  if (Array.isArray(tree)) return `[${tree.map(render).join(",")}]`;
  // JSON.stringify writes a lone surrogate as a \ud800 escape and a non-finite number as null.
  return JSON.stringify(tree);
}

/** The text a form field carries for a resolved tree: strings as they are, anything else as its JSON. */
export function formValue(tree: Tree): string {
  return typeof tree === "string" ? tree : render(tree);
}

/** An object tree from plain entries. */
export const object = (entries: Record<string, Tree>): Entries => new Entries(Object.entries(entries));

// ---- hostile values -------------------------------------------------------------------------------

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "then"];

const nested = (depth: number, open: string, close: string, inner = "1") => new Raw(open.repeat(depth) + inner + close.repeat(depth));

/** Strings that have broken parsers, databases and loggers elsewhere. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "\udc00\ud800",
    "😀",
    "👩🏽‍💻🇷🇺",
    "Ｔｅｓｔ",
    "\u202etxt.exe",
    "\u200b\u200d\ufeff",
    "' or 1=1 --",
    "'; drop table users; --",
    "${jndi:ldap://127.0.0.1/a}",
    "{{7*7}}",
    "<script>alert(1)</script>",
    "%00",
    "%",
    "%zz",
    "../../etc/passwd",
    "\\",
    "\r\n\t",
    "null",
    "undefined",
    "NaN",
    "-0",
    "1e400",
    "0x10",
    "__proto__",
    "constructor",
    "toString",
    "true",
  ),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 151, max: 5000 }).map((length) => "я".repeat(length)),
  fc.constantFrom(255, 256, 257, 4096, 4097, 20_000).map((length) => "x".repeat(length)),
);

/** Any value of the wrong kind, or of the right kind at or past a limit. */
export const hostileValue: fc.Arbitrary<Tree> = fc.oneof(
  { arbitrary: nastyString, weight: 6 },
  {
    arbitrary: fc.constantFrom<Tree>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      2_147_483_647,
      2_147_483_648,
      -2_147_483_649,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      new Raw("9007199254740993"),
      new Raw("1e400"),
      new Raw("-1e400"),
      new Raw("1e-400"),
      new Raw("123456789012345678901234567890"),
      new Raw("1.0"),
      new Raw("-0.0"),
      new Raw("0e0"),
    ),
    weight: 4,
  },
  { arbitrary: fc.double().map((value) => value as Tree), weight: 1 },
  { arbitrary: fc.integer().map((value) => value as Tree), weight: 1 },
  {
    arbitrary: fc.constantFrom<Tree>(
      [],
      [null],
      [1, "1", true],
      [[1]],
      new Entries([]),
      new Entries([["__proto__", new Entries([["is_staff", true]])]]),
      new Entries([["constructor", new Entries([["prototype", new Entries([["polluted", true]])]])]]),
      nested(2_000, "[", "]"),
      nested(20_000, "[", "]"),
      nested(3_000, '{"a":', "}"),
      new Raw(`[${"1,".repeat(8_000)}1]`),
    ),
    weight: 3,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => fromPlain(value)), weight: 2 },
);

/** A hostile extra key for an object: prototype names, the empty key, NUL, emoji, a huge key. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 4 },
  { arbitrary: fc.constantFrom("", "\u0000", "😀", "a".repeat(300), "hash", "id", "is_staff", "user_id", "email "), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }), weight: 2 },
);

/** A whole hostile object: random keys (prototype ones often) with hostile values. */
export const hostileObject: fc.Arbitrary<Tree> = fc
  .array(fc.tuple(hostileKey, hostileValue), { maxLength: 6 })
  .map((entries) => new Entries(entries));

/** Percent-encodes text for a URL; a lone surrogate becomes the bytes of its (invalid) UTF-8 form. */
export function encodeSegment(text: string): string {
  return Array.from(text)
    .map((character) => {
      try {
        return encodeURIComponent(character);
      } catch {
        return "%ED%A0%80";
      }
    })
    .join("");
}

/** A plain JSON value (fc.jsonValue) as a tree. */
export function fromPlain(value: unknown): Tree {
  if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(fromPlain);
  return new Entries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, fromPlain(item)] as const));
}
