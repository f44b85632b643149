import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compilePortfolio } from '@kebao/risk';
import { describe, expect, it } from 'vitest';
import { CATALOG_DIR } from '../src/modules/catalog/load-catalog.ts';
import { loadRiskModel, RISK_MODEL_FILE, riskModelProblems } from '../src/modules/risk/model.ts';
import {
  buildLivePortfolio,
  frequencyFactor,
  type LivePortfolioInput,
} from '../src/modules/risk/portfolio.ts';

const LEAD = '00000000-0000-4000-8000-000000000001';
const FOLLOWER = '00000000-0000-4000-8000-000000000002';
const IDLE = '00000000-0000-4000-8000-000000000003';

describe('the shipped risk model', () => {
  it('loads, with a checksum that names its content', async () => {
    const { model, checksum } = await loadRiskModel(CATALOG_DIR);
    expect(model.version).toBe(1);
    expect(model.classes.map((c) => c.id)).toEqual([
      'rd_transfer',
      'application',
      'intellectual_property',
      'base',
    ]);
    expect(model.events.map((e) => e.kind)).toEqual(['industry_chain', 'cyber', 'climate']);
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a broken model is refused with the file, the path and the problem', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'risk-model-'));
    try {
      await mkdir(path.join(dir, 'risk'));
      const shipped = await readFile(path.join(CATALOG_DIR, RISK_MODEL_FILE), 'utf8');
      await writeFile(
        path.join(dir, RISK_MODEL_FILE),
        shipped.replace('frequency: 0.04', 'frequency: -1').replace('B: 0.9', 'B: 0'),
      );
      await expect(loadRiskModel(dir)).rejects.toThrow(/risk\/live-portfolio\.yaml: \/scoreBands\/B/);
      await writeFile(path.join(dir, RISK_MODEL_FILE), shipped.replace('frequency: 0.04', 'frequency: -1'));
      await expect(loadRiskModel(dir)).rejects.toThrow(/live-portfolio\.yaml: \/classes\[0\]\.frequency/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names every missing part', () => {
    expect(riskModelProblems({ version: 0 })).toEqual(
      expect.arrayContaining([
        '/version: a whole number ≥ 1',
        '/names: zh and en names are required',
        '/classes: at least one class',
      ]),
    );
    expect(riskModelProblems([])).toEqual(['/: the model is a mapping']);
  });
});

describe('the live portfolio', async () => {
  const { model } = await loadRiskModel(CATALOG_DIR);
  const input: LivePortfolioInput = {
    asOf: '2026-06-30',
    model,
    policies: [
      {
        number: 'KB-BR-ICPOOL-2026-000001',
        statisticalClass: 'base',
        sumInsured: 80_000_000_00n,
        request: { limit: '100000000.00', options: { deductible: '500000.00' } },
        facts: { scoreBand: 'B', claimsLast3Years: 2, region: '310115', frontierTags: ['ai', 'ic'] },
        poolCode: 'CN-IC-POOL',
        lines: [
          { orgId: LEAD, share: 600_000 },
          { orgId: FOLLOWER, share: 400_000 },
        ],
      },
      {
        number: 'KB-BR-CYBER-2026-000002',
        statisticalClass: 'base',
        sumInsured: 2_000_000_00n,
        request: { limit: '1000000.00' },
        facts: { region: '310104', frontierTags: [] },
        poolCode: null,
        lines: [{ orgId: LEAD, share: 1_000_000 }],
      },
      {
        number: 'KB-XX-2026-000003',
        statisticalClass: 'unknown_class',
        sumInsured: 1_000_00n,
        request: {},
        facts: {},
        poolCode: null,
        lines: [{ orgId: LEAD, share: 1_000_000 }],
      },
    ],
    registered: [
      {
        number: 'PA-2026-7',
        insurerOrgId: FOLLOWER,
        statisticalClass: 'intellectual_property',
        sumInsured: 3_000_000_00n,
        regionCode: '310112',
      },
    ],
    insurers: [
      { orgId: LEAD, name: '示例科技财产保险', capital: 15_000_000_000_00n },
      { orgId: FOLLOWER, name: '示例共保财产保险', capital: null },
      { orgId: IDLE, name: '未承保的保险公司', capital: 1_000_00n },
    ],
    treaties: [
      {
        insurerOrgId: LEAD,
        name: '成数',
        kind: 'quota_share',
        reinsurer: '示例再保险',
        cededShare: 300_000,
        retention: null,
        lines: null,
        attachment: null,
        layerLimit: null,
        classes: null,
      },
      {
        insurerOrgId: LEAD,
        name: '险位超赔',
        kind: 'excess_of_loss',
        reinsurer: '示例再保险',
        cededShare: null,
        retention: null,
        lines: null,
        attachment: 20_000_000_00n,
        layerLimit: 180_000_000_00n,
        classes: null,
      },
      {
        insurerOrgId: LEAD,
        name: '模型外类别的成数',
        kind: 'quota_share',
        reinsurer: '示例再保险',
        cededShare: 500_000,
        retention: null,
        lines: null,
        attachment: null,
        layerLimit: null,
        classes: ['unknown_class'],
      },
      {
        insurerOrgId: FOLLOWER,
        name: '仅知识产权的溢额',
        kind: 'surplus',
        reinsurer: '示例再保险',
        cededShare: null,
        retention: 1_000_000_00n,
        lines: 4,
        attachment: null,
        layerLimit: null,
        classes: ['intellectual_property'],
      },
    ],
  };
  const live = buildLivePortfolio(input);

  it('reads each policy with its terms, lines, pool, region and chain', () => {
    const [pool, cyber] = live.portfolio.policies;
    expect(pool).toMatchObject({
      id: 'KB-BR-ICPOOL-2026-000001',
      class: 'base',
      sumInsured: 80_000_000,
      aggregateLimit: 80_000_000,
      limit: 80_000_000, // the requested limit, capped at the sum insured
      deductible: 500_000,
      region: '310115',
      chain: 'ic', // the first of the model's chains among the frontier tags, not the first tag
      pool: 'CN-IC-POOL',
      lines: [
        { insurer: LEAD, share: 600_000 },
        { insurer: FOLLOWER, share: 400_000 },
      ],
    });
    expect(pool?.severityScale).toBeCloseTo(Math.sqrt(80_000_000 / 20_000_000), 12);
    // Score band B (0.9) and two claims in three years (1 + 2 × 0.15) on the base class's 0.08.
    expect(pool?.frequency).toBeCloseTo(0.08 * 0.9 * 1.3, 12);
    expect(cyber).toMatchObject({ limit: 1_000_000, region: '310104' });
    expect(cyber?.frequency).toBeUndefined();
    expect(cyber?.chain).toBeUndefined();
    expect(cyber?.deductible).toBeUndefined();
  });

  it('a registered policy is the insurer’s own share at 100 %', () => {
    const registered = live.portfolio.policies.find((p) => p.id === 'R:PA-2026-7');
    expect(registered).toMatchObject({
      class: 'intellectual_property',
      sumInsured: 3_000_000,
      region: '310112',
      lines: [{ insurer: FOLLOWER, share: 1_000_000 }],
    });
    expect(live.platformPolicies).toBe(2);
    expect(live.registeredPolicies).toBe(1);
  });

  it('insurers carry their capital and treaties; what the engine cannot read is left out and said', () => {
    expect(live.portfolio.insurers.map((i) => i.id)).toEqual([LEAD, FOLLOWER]);
    const [lead, follower] = live.portfolio.insurers;
    expect(lead?.capital).toBe(15_000_000_000);
    expect(lead?.programme).toEqual([
      { id: 'T1', kind: 'quota_share', cededShare: 300_000, reinsurer: '示例再保险' },
      {
        id: 'T2',
        kind: 'excess_of_loss',
        layers: [{ attachment: 20_000_000, limit: 180_000_000, reinsurer: '示例再保险' }],
      },
    ]);
    expect(follower?.capital).toBeUndefined();
    // A treaty limited to some classes covers those (the engine passes other classes' risks by) …
    expect(follower?.programme).toEqual([
      {
        id: 'T1',
        kind: 'surplus',
        retention: 1_000_000,
        lines: 4,
        reinsurer: '示例再保险',
        classes: ['intellectual_property'],
      },
    ]);
    // … and one covering only classes the model does not have is left out, and said.
    expect(live.notes.map((n) => n.code).sort()).toEqual(['class_unknown', 'treaty_classes']);
    expect(live.notes.find((n) => n.code === 'treaty_classes')?.zh).toContain('模型外类别的成数');
    // And the engine takes it as it is.
    expect(() => compilePortfolio(live.portfolio)).not.toThrow();
  });

  it('the profile moves the frequency: band factor times the loss-history loading, capped', () => {
    expect(frequencyFactor(model, {})).toBe(1);
    expect(frequencyFactor(model, { scoreBand: 'A' })).toBe(0.8);
    expect(frequencyFactor(model, { scoreBand: 'D', claimsLast3Years: 9 })).toBeCloseTo(1.2 * 1.6, 12);
    expect(frequencyFactor(model, { scoreBand: 'Z', claimsLast3Years: 1 })).toBeCloseTo(1.15, 12);
  });
});
