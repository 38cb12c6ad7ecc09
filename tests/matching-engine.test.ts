// Unit tests of the pure matching engine: node --import tsx --test tests/matching-engine.test.ts
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

import { optimumBound } from "../lib/matching/engine/reference-optimum";
import { evaluateMatching, type MatchingInput, type MatchingMeeting, objective, solveMatching } from "../lib/matching/engine/index";
import { createRng, randomBelow } from "../lib/matching/engine/rng";

type Hobbies = Record<number, number[]>;

function instance(hobbies: Hobbies, history: MatchingMeeting[] = [], seed = 1): MatchingInput {
  return {
    participants: Object.entries(hobbies).map(([id, tags]) => ({ id: Number(id), hobbies: tags })),
    history,
    seed,
  };
}

// Meetings from rounds of pairs, round r = index in the list.
function rounds(...pairsPerRound: Array<Array<[number, number]>>): MatchingMeeting[] {
  return pairsPerRound.flatMap((pairs, round) => pairs.map(([a, b]) => ({ a, b, round })));
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

// Structural checks every result must pass: everyone exactly once, sizes 2/3, one trio iff n odd.
function assertValid(input: MatchingInput, groups: number[][]): void {
  const n = input.participants.length;
  const seen = new Set<number>();
  for (const group of groups) {
    assert.ok(group.length === 2 || group.length === 3, `bad group size ${group.length}`);
    for (const id of group) {
      assert.ok(!seen.has(id), `participant ${id} listed twice`);
      seen.add(id);
    }
  }
  assert.equal(seen.size, n < 2 ? 0 : n, "everyone matched");
  for (const participant of input.participants) if (n >= 2) assert.ok(seen.has(participant.id));
  assert.equal(groups.filter((g) => g.length === 3).length, n >= 2 && n % 2 === 1 ? 1 : 0, "trio count");
}

// Random instance in the spirit of gen.py: Zipf tag popularity, some users without tags,
// `weeks` rounds of random pairing as history, sparse non-contiguous ids.
function randomInstance(o: { n: number; tags: number; weeks: number; seed: number; maxTags?: number }): MatchingInput {
  const rng = createRng(o.seed * 7919 + o.n);
  const unit = (): number => rng() / 4294967296;
  const weights = Array.from({ length: o.tags }, (_, r) => 1 / (r + 1));
  const total = weights.reduce((x, y) => x + y, 0);
  const participants = Array.from({ length: o.n }, (_, i) => {
    const hobbies = new Set<number>();
    if (unit() >= 0.05) {
      const k = 1 + randomBelow(rng, Math.min(o.maxTags ?? 7, o.tags));
      while (hobbies.size < k) {
        let x = unit() * total;
        let t = 0;
        while (t < o.tags - 1 && x > weights[t]!) x -= weights[t++]!;
        hobbies.add(10 + 3 * t);
      }
    }
    return { id: 100 + 7 * i, hobbies: [...hobbies] };
  });
  const history: MatchingMeeting[] = [];
  for (let week = 0; week < o.weeks; week++) {
    const ids = participants.map((p) => p.id);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = randomBelow(rng, i + 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    for (let i = 0; i + 1 < ids.length; i += 2) history.push({ a: ids[i]!, b: ids[i + 1]!, round: week });
  }
  return { participants, history, seed: o.seed };
}

// Exact optimum over all valid groupings without repeats (pairs + one trio when n is odd), by
// dynamic programming over subsets; -Infinity when every grouping needs a repeat. n <= ~14.
function bruteForceOptimum(input: MatchingInput): number {
  const people = input.participants;
  const n = people.length;
  const met = new Set(input.history.map((m) => pairKey(m.a, m.b)));
  const w = (i: number, j: number): number => {
    if (met.has(pairKey(people[i]!.id, people[j]!.id))) return -Infinity;
    const common = people[i]!.hobbies.filter((t) => people[j]!.hobbies.includes(t)).length;
    return common > 0 ? 100 + common : 0;
  };
  const memo = new Map<number, number>();
  const best = (mask: number, trioLeft: boolean): number => {
    let i = 0;
    while (i < n && mask & (1 << i)) i++;
    if (i === n) return trioLeft ? -Infinity : 0;
    const key = mask * 2 + (trioLeft ? 1 : 0);
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result = -Infinity;
    for (let j = i + 1; j < n; j++) {
      if (mask & (1 << j)) continue;
      const wij = w(i, j);
      if (wij === -Infinity) continue;
      result = Math.max(result, wij + best(mask | (1 << i) | (1 << j), trioLeft));
      if (!trioLeft) continue;
      for (let k = j + 1; k < n; k++) {
        if (mask & (1 << k)) continue;
        const trio = wij + w(i, k) + w(j, k);
        if (trio > -Infinity) result = Math.max(result, trio + best(mask | (1 << i) | (1 << j) | (1 << k), false));
      }
    }
    memo.set(key, result);
    return result;
  };
  return best(0, n % 2 === 1);
}

describe("sizes", () => {
  it("returns no groups for 0 and 1 participant", () => {
    assert.deepEqual(solveMatching(instance({})), { groups: [] });
    assert.deepEqual(solveMatching(instance({ 7: [1] })), { groups: [] });
  });

  it("pairs 2 participants, even if they met before", () => {
    assert.deepEqual(
      solveMatching(instance({ 1: [1], 2: [2] })).groups.map((g) => [...g].sort()),
      [[1, 2]],
    );
    const met = instance({ 1: [1], 2: [1] }, rounds([[1, 2]]));
    assert.deepEqual(
      solveMatching(met).groups.map((g) => [...g].sort()),
      [[1, 2]],
    );
  });

  it("makes one trio of 3 participants", () => {
    const { groups } = solveMatching(instance({ 1: [1], 2: [], 3: [2] }));
    assert.equal(groups.length, 1);
    assert.deepEqual([...groups[0]!].sort(), [1, 2, 3]);
  });

  it("matches everyone with exactly one trio for odd counts and none for even counts", () => {
    for (const n of [4, 5, 6, 7, 10, 11, 64, 65, 128, 129, 130, 131, 500, 501, 1001, 2000, 3001]) {
      const input = randomInstance({ n, tags: 20, weeks: 4, seed: n });
      assertValid(input, solveMatching(input).groups);
    }
  });
});

describe("history", () => {
  it("never repeats a pair when avoidable, even if it is by far the heaviest", () => {
    // 1 and 2 share everything but met; any greedy by weight would pair them.
    const input = instance({ 1: [1, 2, 3, 4, 5], 2: [1, 2, 3, 4, 5], 3: [1], 4: [2] }, rounds([[1, 2]]));
    const { groups } = solveMatching(input);
    assert.equal(evaluateMatching(groups, input).repeats, 0);
    assert.equal(objective(groups, input), 202);
  });

  it("counts all three pairs of a trio as meetings", () => {
    // 5 people; 1 met 2 and 3. The trio must not contain 1 with 2 or 3.
    const input = instance({ 1: [1], 2: [1], 3: [1], 4: [1], 5: [1] }, rounds([[1, 2]], [[1, 3]]));
    const { groups } = solveMatching(input);
    assert.equal(evaluateMatching(groups, input).repeats, 0);
  });

  it("needs no repeat whenever a repeat-free grouping exists (dense random histories)", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const n = 4 + (seed % 9); // 4..12, odd and even
      const input = randomInstance({ n, tags: 6, weeks: 2 + (seed % 7), seed });
      const { groups } = solveMatching(input);
      assertValid(input, groups);
      const best = bruteForceOptimum(input);
      const metrics = evaluateMatching(groups, input);
      if (best > -Infinity) {
        assert.equal(metrics.repeats, 0, `seed ${seed}: avoidable repeat`);
        assert.equal(metrics.objective, best, `seed ${seed}: small instances are solved exactly`);
      }
    }
  });

  it("when everyone met everyone, still matches all, preferring the partners met longest ago", () => {
    // Rounds 0..2 are the three perfect matchings of {1,2,3,4}; round 0 is the oldest. Weights
    // would prefer 1–4 (many common tags): recency must win because every pair is a repeat.
    const history = rounds(
      [
        [1, 2],
        [3, 4],
      ],
      [
        [1, 3],
        [2, 4],
      ],
      [
        [1, 4],
        [2, 3],
      ],
    );
    const input = instance({ 1: [1, 2, 3], 2: [], 3: [9], 4: [1, 2, 3] }, history);
    for (const seed of [1, 2, 3, 4]) {
      const groups = solveMatching({ ...input, seed })
        .groups.map((g) => pairKey(g[0]!, g[1]!))
        .sort();
      assert.deepEqual(groups, ["1-2", "3-4"]);
    }
    // Six people, five rounds (a 1-factorisation of K6): the oldest round is the answer.
    const k6 = rounds(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [1, 3],
        [2, 5],
        [4, 6],
      ],
      [
        [1, 4],
        [2, 6],
        [3, 5],
      ],
      [
        [1, 5],
        [2, 4],
        [3, 6],
      ],
      [
        [1, 6],
        [2, 3],
        [4, 5],
      ],
    );
    const six = instance({ 1: [1], 2: [2], 3: [3], 4: [4], 5: [5], 6: [6] }, k6);
    assert.deepEqual(
      solveMatching(six)
        .groups.map((g) => pairKey(g[0]!, g[1]!))
        .sort(),
      ["1-2", "3-4", "5-6"],
    );
  });

  it("uses the latest meeting of a pair that met several times", () => {
    // 1–2 met in round 0 and again in round 5, so 1–2 counts as recent; 3–4 is then forced.
    const history = [
      ...rounds(
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 3],
          [2, 4],
        ],
        [
          [1, 4],
          [2, 3],
        ],
      ),
      { a: 2, b: 1, round: 5 },
    ];
    const groups = solveMatching(instance({ 1: [], 2: [], 3: [], 4: [] }, history)).groups;
    assert.deepEqual(groups.map((g) => pairKey(g[0]!, g[1]!)).sort(), ["1-3", "2-4"]);
  });

  it("still forms a full grouping with one trio when an odd group has all met", () => {
    const ids = [1, 2, 3, 4, 5];
    const history = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, round: a + b })));
    const input = instance({ 1: [1], 2: [1], 3: [], 4: [2], 5: [2] }, history);
    assertValid(input, solveMatching(input).groups);
  });

  it("ignores history entries about unknown users and self-pairs", () => {
    const input = instance({ 1: [1], 2: [1] }, [
      { a: 1, b: 99, round: 1 },
      { a: 1, b: 1, round: 2 },
    ]);
    assert.equal(evaluateMatching(solveMatching(input).groups, input).repeats, 0);
  });
});

describe("participants", () => {
  it("matches users without hobbies (with weight-0 partners)", () => {
    const input = instance({ 1: [], 2: [], 3: [], 4: [5], 5: [5], 6: [] });
    const { groups } = solveMatching(input);
    assertValid(input, groups);
    assert.equal(objective(groups, input), 101); // 4–5 share tag 5, the rest pair up with weight 0
  });

  it("handles non-contiguous, huge and negative ids", () => {
    const ids = [2 ** 40 + 3, -17, 9007199254740991, 5, 123456789012, -9007199254740991, 0];
    const input: MatchingInput = {
      participants: ids.map((id, i) => ({ id, hobbies: [i % 2, 1000000 + (i % 3)] })),
      history: [
        { a: ids[0]!, b: ids[1]!, round: 1 },
        { a: ids[2]!, b: 424242, round: 2 },
      ],
      seed: 3,
    };
    const { groups } = solveMatching(input);
    assertValid(input, groups);
    assert.equal(evaluateMatching(groups, input).repeats, 0);
  });

  it("rejects duplicate participant ids", () => {
    const participants = [
      { id: 1, hobbies: [] },
      { id: 1, hobbies: [2] },
    ];
    assert.throws(() => solveMatching({ participants, history: [], seed: 1 }), /duplicate participant id 1/);
    const sparse = [
      { id: 2 ** 45, hobbies: [] },
      { id: 2 ** 45, hobbies: [2] },
    ]; // Map-based id index
    assert.throws(() => solveMatching({ participants: sparse, history: [], seed: 1 }), /duplicate participant id/);
  });
});

describe("determinism", () => {
  it("gives identical output for the same input and seed, and depends on the seed", () => {
    for (const n of [20, 201, 5000]) {
      const input = randomInstance({ n, tags: 5, weeks: 2, seed: 4 });
      assert.deepEqual(solveMatching(input), solveMatching(structuredClone(input)));
      const outputs = new Set([1, 2, 3, 4, 5].map((seed) => JSON.stringify(solveMatching({ ...input, seed }))));
      assert.ok(outputs.size > 1, `n=${n}: seed should matter on an instance with many ties`);
    }
  });
});

describe("objective", () => {
  it("mirrors score.py on the README example", () => {
    const input = instance(
      { 1: [1, 2], 2: [2], 3: [], 4: [1, 3] },
      rounds([
        [1, 2],
        [3, 4],
      ]),
    );
    const metrics = evaluateMatching(
      [
        [1, 4],
        [2, 3],
      ],
      input,
    );
    assert.equal(metrics.objective, 101);
    assert.equal(metrics.pairsWithCommon, 1);
    assert.equal(metrics.repeats, 0);
    const trio = evaluateMatching([[1, 2, 4]], instance({ 1: [1, 2], 2: [2], 4: [1, 3] }));
    assert.equal(trio.objective, 101 + 101 + 0); // 1–2 share tag 2, 1–4 share tag 1, 2–4 nothing
    assert.equal(trio.trios, 1);
  });
});

describe("optimality (edmonds-blossom reference)", () => {
  const cases = [
    { n: 40, tags: 10, weeks: 0 },
    { n: 41, tags: 30, weeks: 8 },
    { n: 64, tags: 60, weeks: 4, maxTags: 3 },
    { n: 97, tags: 15, weeks: 8 },
    { n: 128, tags: 30, weeks: 8 },
    { n: 129, tags: 30, weeks: 8 },
    { n: 160, tags: 60, weeks: 4, maxTags: 3 },
    { n: 201, tags: 10, weeks: 0 },
    { n: 250, tags: 30, weeks: 8 },
  ];
  for (const c of cases) {
    for (const seed of [1, 2]) {
      it(`n=${c.n} tags=${c.tags} weeks=${c.weeks} seed=${seed}: objective >= 99 % of the optimum`, () => {
        const input = randomInstance({ ...c, seed });
        const { groups } = solveMatching(input);
        assertValid(input, groups);
        const metrics = evaluateMatching(groups, input);
        const bound = optimumBound(input); // exact for even n, an upper bound for odd n
        assert.ok(bound.perfect, "test instances admit a repeat-free grouping");
        assert.equal(metrics.repeats, 0);
        assert.ok(metrics.objective >= 0.99 * bound.value, `${metrics.objective} < 99 % of ${bound.value}`);
        if (c.n <= 128 && c.n % 2 === 0) assert.equal(metrics.objective, bound.value, "exact below 129");
      });
    }
  }
});

describe("CLI scripts/match-solve.ts", () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "match-solve.ts"), ...args], {
      cwd: root,
      encoding: "utf8",
    });

  it("solves an instance file and rejects a bad one with a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "match-solve-"));
    try {
      const good = join(dir, "good.json");
      const out = join(dir, "out.json");
      writeFileSync(
        good,
        JSON.stringify({
          tags: [{ id: 1, name: "music" }],
          users: [
            { id: 1, hobbies: [1] },
            { id: 2, hobbies: [1] },
            { id: 3, hobbies: [] },
            { id: 4, hobbies: [1] },
          ],
          history: [[1, 2]],
        }),
      );
      const ok = run(["--input", good, "--output", out, "--seed", "7"]);
      assert.equal(ok.status, 0, ok.stderr);
      const result = JSON.parse(readFileSync(out, "utf8")) as { groups: number[][] };
      assert.equal(result.groups.length, 2);
      assert.ok(!result.groups.some((g) => g.includes(1) && g.includes(2)), "history pair repeated");

      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ users: [{ id: "x", hobbies: [] }] }));
      const failed = run(["--input", bad, "--output", out]);
      assert.notEqual(failed.status, 0);
      assert.match(failed.stderr, /match-solve: instance: users\[0\] needs an integer 'id'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
