import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticPortfolio } from '../demo/synthetic.ts';
import { type Progress, runInline, type YearLosses } from '../engine/run.ts';
import { createYearEngine } from '../engine/year-engine.ts';
import { compilePortfolio } from '../model/compile.ts';
import type { LayerInput, PortfolioInput } from '../model/portfolio.ts';
import { simulate } from '../simulate.ts';
import { type SimulationPool, startSimulationPool } from './pool.ts';

/** The same bits, not merely equal numbers (−0, NaN and every last digit alike). */
function bits(values: Float64Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

function same(a: YearLosses, b: YearLosses): boolean {
  return bits(a.annual).equals(bits(b.annual)) && bits(a.maxOccurrence).equals(bits(b.maxOccurrence));
}

const compiled = compilePortfolio(syntheticPortfolio({ policies: 400, groups: 2, seed: 7 }));

/**
 * The same portfolio with reinstatement premiums: the lead's first per-risk layer lowered to
 * 2,000,000 xs 1,000,000 (so it pays in most years) with premium 500,000 and reinstatements [1, 0.5], and
 * its first catastrophe layer given premium 3,000,000 and one reinstatement at 100 % (its aggregate of
 * 140,000,000 = 70,000,000 × 2 agrees).
 */
function withReinstatements(): PortfolioInput {
  const input = syntheticPortfolio({ policies: 400, groups: 2, seed: 7 });
  const programme = input.insurers[0]?.programme ?? [];
  const risk = programme.find((t) => t.id === 'XL-RISK-2026');
  const cat = programme.find((t) => t.id === 'CAT-2026');
  if (risk?.kind !== 'excess_of_loss' || cat?.kind !== 'catastrophe_xl') throw new Error('no layers');
  risk.layers[0] = {
    attachment: 1e6,
    limit: 2e6,
    premium: 5e5,
    reinstatements: [1, 0.5],
    reinsurer: 'RE-DELTA',
  };
  cat.layers[0] = { ...(cat.layers[0] as LayerInput), premium: 3e6, reinstatements: [1] };
  return input;
}
const YEARS = 1500;
const SEED = 424242;

describe('determinism across threads and blocks', () => {
  let pool: SimulationPool;
  let reference: YearLosses;

  beforeAll(async () => {
    pool = await startSimulationPool({ threads: 4 });
    reference = await runInline(compiled.portfolio, { years: YEARS, seed: SEED });
  }, 60_000);

  afterAll(async () => {
    await pool.close();
  });

  it('draws something worth comparing', () => {
    expect(reference.losses).toBeGreaterThan(10_000);
    expect(reference.annual.some((v) => v > 0)).toBe(true);
  });

  it('gives bit-identical years on the calling thread for any block size', async () => {
    for (const blockYears of [1, 13, 250, YEARS]) {
      const run = await runInline(compiled.portfolio, { years: YEARS, seed: SEED, blockYears });
      expect(same(run, reference), `blocks of ${blockYears}`).toBe(true);
      expect(run.losses).toBe(reference.losses);
    }
  });

  it('gives bit-identical years with 1, 2 and 4 worker threads and any block size', async () => {
    for (const threads of [1, 2, 4]) {
      for (const blockYears of [7, 100, 1000]) {
        const run = await pool.run(compiled.portfolio, { years: YEARS, seed: SEED, threads, blockYears });
        expect(same(run, reference), `${threads} threads, blocks of ${blockYears}`).toBe(true);
        expect(run.losses).toBe(reference.losses);
        expect(run.threads).toBe(threads);
      }
    }
  });

  it('differs with another seed, and year y does not depend on the years before it', async () => {
    const other = await pool.run(compiled.portfolio, { years: YEARS, seed: SEED + 1 });
    expect(same(other, reference)).toBe(false);
    // Years 900 … 1499 simulated on their own, by a fresh engine that never saw the years before.
    const P = compiled.portfolio.perspectiveCount;
    const engine = createYearEngine(compiled.portfolio, { seedLow: SEED, seedHigh: 0 });
    const annual = new Float64Array(600 * P);
    const maxOccurrence = new Float64Array(600 * P);
    engine.simulate(900, YEARS, annual, maxOccurrence, 900);
    expect(bits(annual).equals(bits(reference.annual.subarray(900 * P)))).toBe(true);
    expect(bits(maxOccurrence).equals(bits(reference.maxOccurrence.subarray(900 * P)))).toBe(true);
  });

  it('reports progress after every block and ends at every year', async () => {
    const seen: Progress[] = [];
    await pool.run(compiled.portfolio, {
      years: YEARS,
      seed: SEED,
      blockYears: 100,
      onProgress: (p) => seen.push(p),
    });
    expect(seen).toHaveLength(15);
    expect(seen.at(-1)).toEqual({ yearsDone: YEARS, years: YEARS, blocksDone: 15, blocks: 15 });
    for (let i = 1; i < seen.length; i++) {
      expect((seen[i] as Progress).yearsDone).toBeGreaterThan((seen[i - 1] as Progress).yearsDone);
    }
  });

  it('stops on abort, rejects with the signal’s reason, and the pool keeps working', async () => {
    const controller = new AbortController();
    const run = pool.run(compiled.portfolio, {
      years: YEARS,
      seed: SEED,
      blockYears: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.blocksDone === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    const inline = runInline(compiled.portfolio, {
      years: YEARS,
      seed: SEED,
      blockYears: 10,
      signal: AbortSignal.abort(),
    });
    await expect(inline).rejects.toMatchObject({ name: 'AbortError' });
    const again = await pool.run(compiled.portfolio, { years: YEARS, seed: SEED });
    expect(same(again, reference)).toBe(true);
  });

  it('measures the same with workers as without (simulate)', async () => {
    const alone = await simulate(compiled, { years: YEARS, seed: SEED });
    const pooled = await simulate(compiled, { years: YEARS, seed: SEED, pool, workers: 3 });
    expect(pooled.workers).toBe(3);
    expect(pooled.perspectives).toEqual(alone.perspectives);
    expect(pooled.capacity).toEqual(alone.capacity);
  });

  it('gives bit-identical reinstatement premiums on 1 and 2 worker threads, with the losses unchanged', async () => {
    const rip = compilePortfolio(withReinstatements());
    const keys = rip.labels.perspectives.map((p) => p.key);
    const P = rip.portfolio.perspectiveCount;
    const first = keys.indexOf('insurer_rip:INS-LEAD');
    expect(keys.slice(first)).toEqual([
      'insurer_rip:INS-LEAD',
      'reinsurer_rip:RE-BETA',
      'reinsurer_rip:RE-GAMMA',
      'reinsurer_rip:RE-DELTA',
    ]);
    const inline = await runInline(rip.portfolio, { years: YEARS, seed: SEED, blockYears: 13 });
    for (const threads of [1, 2]) {
      const run = await pool.run(rip.portfolio, { years: YEARS, seed: SEED, threads, blockYears: 100 });
      expect(same(run, inline), `${threads} thread(s)`).toBe(true);
      expect(run.losses).toBe(inline.losses);
    }
    // Each year: the insurer pays what its reinsurers receive; some years pay, and nothing has an occurrence.
    let paying = 0;
    for (let y = 0; y < YEARS; y++) {
      const row = y * P;
      const paid = inline.annual[row + first] as number;
      let received = 0;
      for (let p = first + 1; p < P; p++) received += inline.annual[row + p] as number;
      expect(received).toBeCloseTo(paid, 6);
      if (paid > 0) paying++;
      for (let p = first; p < P; p++) expect(inline.maxOccurrence[row + p]).toBe(0);
    }
    expect(paying).toBeGreaterThan(YEARS / 2);
    // The premiums are beside the losses: measured alone, the same layers without premiums give the same
    // loss perspectives, bit for bit.
    const plain = withReinstatements();
    for (const treaty of plain.insurers[0]?.programme ?? []) {
      if (treaty.kind !== 'excess_of_loss' && treaty.kind !== 'catastrophe_xl') continue;
      for (const layer of treaty.layers) {
        if (layer.reinstatements === undefined) continue;
        layer.aggregateLimit = Number(layer.limit) * (1 + layer.reinstatements.length);
        delete layer.reinstatements;
        delete layer.premium;
      }
    }
    const noPremiums = compilePortfolio(plain);
    expect(noPremiums.portfolio.perspectiveCount).toBe(first);
    const losses = await runInline(noPremiums.portfolio, { years: YEARS, seed: SEED });
    for (let y = 0; y < YEARS; y++) {
      const a = inline.annual.subarray(y * P, y * P + first);
      const b = losses.annual.subarray(y * first, (y + 1) * first);
      expect(bits(a).equals(bits(b)), `year ${y}`).toBe(true);
    }
  });

  it('refuses bad options', async () => {
    await expect(pool.run(compiled.portfolio, { years: 0, seed: 1 })).rejects.toThrow(RangeError);
    await expect(pool.run(compiled.portfolio, { years: 10, seed: -1 })).rejects.toThrow(/seed/);
    await expect(pool.run(compiled.portfolio, { years: 10, seed: 1, threads: 5 })).rejects.toThrow(/threads/);
    await expect(pool.run(compiled.portfolio, { years: 10, seed: 1, blockYears: 0 })).rejects.toThrow(
      /blockYears/,
    );
    await expect(startSimulationPool({ threads: 0 })).rejects.toThrow(RangeError);
  });
});
