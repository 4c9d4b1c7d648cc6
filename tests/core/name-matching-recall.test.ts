import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameMatchRecall, namePairs, recallStore, type Recall, type RecallStore } from '../../scripts/bench/name-match.bench';

/**
 * The figures `npm run bench` reports as name_match_top3_recall / name_match_top1_recall, computed by the
 * same code on the same store (10,000 seeded people and the labelled pairs of tests/fixtures/name-pairs.json),
 * held a little below what the matcher reached when they were set (0.973 and 0.892 on 473 pairs), so that
 * recall never falls silently. Raise the floors when matching improves.
 */
const top3Floor = 0.96;
const top1Floor = 0.86;

let store: RecallStore;
let recall: Recall;
const pairs = namePairs();
beforeAll(() => {
  store = recallStore(pairs, 10_000);
  recall = nameMatchRecall(store, pairs);
});
afterAll(() => store?.remove());

describe('name matching on the labelled spelling pairs', () => {
  it('the evaluation set holds at least 300 pairs from every convention the issue names', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    const kinds = new Set(pairs.map((p) => p.kind));
    for (const k of ['az-ru', 'az-ascii', 'ru-icao', 'ru-colloquial', 'tr-ru', 'uz', 'tj', 'kg', 'fa', 'ur', 'ps', 'ar', 'ge', 'en', 'fem', 'pat', 'order']) expect(kinds, k).toContain(k);
    expect(new Set(pairs.map((p) => `${p.a}|${p.b}`)).size).toBe(pairs.length);
  });

  it(`finds the person sought in the top 3 for at least ${top3Floor} of the pairs among 10,000 people, name only`, () => {
    const misses = recall.misses.map((m) => `${m.b} → ${m.a} (${m.kind}, rank ${m.rank ?? 'none'})`);
    expect(recall.top3, misses.join('\n')).toBeGreaterThanOrEqual(top3Floor);
  });

  it(`ranks the person sought first for at least ${top1Floor} of the pairs`, () => {
    expect(recall.top1).toBeGreaterThanOrEqual(top1Floor);
  });
});
