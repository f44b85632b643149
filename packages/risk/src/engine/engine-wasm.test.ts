import { describe, expect, it } from 'vitest';
import { ENGINE } from '../../scripts/wasm-files.ts';
import { compilePortfolio } from '../model/compile.ts';
import { ENGINE_WASM } from './engine-wasm.ts';
import { type ScenarioLoss, settleScenario } from './year-engine.ts';

describe('the engine WebAssembly module', () => {
  it('is assembly/year.ts as the AssemblyScript compiler makes it (npm run wasm -w @kebao/risk writes it)', async () => {
    expect(Buffer.from(ENGINE_WASM).equals(Buffer.from(await ENGINE.build(ENGINE.source)))).toBe(true);
  }, 30_000);

  it('makes room for a year with more occurrences and events than it was laid out for', () => {
    // 3,000 losses (the module starts with room for 1,024) in 40 events (room for 16), on three policies
    // with a deductible of 10 and INS-A writing 50 %: every figure is a plain sum the test can make.
    const { portfolio, labels } = compilePortfolio({
      classes: [{ id: 'base', frequency: 0, severity: { kind: 'lognormal', mu: 0, sigma: 1 } }],
      insurers: [{ id: 'INS-A' }],
      policies: [0, 1, 2].map((p) => ({
        id: `P-${p}`,
        class: 'base',
        sumInsured: 1e9,
        deductible: 10,
        lines: [{ insurer: 'INS-A', share: 500_000 }],
      })),
    });
    const losses: ScenarioLoss[] = [];
    const events = new Map<number, number>();
    for (let k = 0; k < 3000; k++) {
      const groundUp = 100 + ((k * 37) % 1000);
      const event = k % 75 < 40 ? k % 75 : undefined;
      losses.push({ unit: k % 3, groundUp, ...(event === undefined ? {} : { event }) });
      if (event !== undefined) events.set(event, (events.get(event) ?? 0) + groundUp - 10);
    }
    const { annual, maxOccurrence } = settleScenario(portfolio, losses);
    const at = (key: string) => labels.perspectives.findIndex((p) => p.key === key);
    const groundUp = losses.reduce((sum, l) => sum + l.groundUp, 0);
    const largestClaim = Math.max(...losses.filter((l) => l.event === undefined).map((l) => l.groundUp - 10));
    const largest = Math.max(largestClaim, ...events.values());
    expect(annual[at('ground_up')]).toBe(groundUp);
    expect(annual[at('gross')]).toBe(groundUp - 3000 * 10);
    expect(annual[at('insurer_gross:INS-A')]).toBe((groundUp - 3000 * 10) / 2);
    expect(maxOccurrence[at('gross')]).toBe(largest);
    expect(maxOccurrence[at('insurer_net:INS-A')]).toBe(largest / 2);
  });
});
