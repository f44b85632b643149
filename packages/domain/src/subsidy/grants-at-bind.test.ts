import { describe, expect, it } from 'vitest';
import { grantsAtBind } from './grants-at-bind.ts';
import type { SubsidyProgramme } from './programme.ts';
import { freshHistory, loadProgramme, yuan } from './shipped-programmes.fixture.ts';

const shipped = [
  'central-first-set-2024',
  'central-first-set-legacy',
  'zhejiang-first-set',
  'shanghai-tech-loan',
  'shanghai-clinical-trial',
  'shanghai-2025-tiered',
].map(loadProgramme);
const fresh = Object.fromEntries(shipped.map((programme) => [programme.code, freshHistory()]));
const shanghaiFirm = { region: '310115', scoreBand: 'A', creditGrade: 'B', dishonest: false };
const loanPolicy = {
  productCode: 'KB-BR-LOAN',
  statisticalClass: 'base',
  subsidyTags: ['shanghai-tech-loan', 'suzhou-city', 'shanghai-2025-tiered'],
  premium: yuan('40000.00'),
  sumInsured: yuan('2040000.00'),
  startDate: '2025-05-01',
};

describe('the subsidies of a policy at bind', () => {
  it('applies the tiered programme while the tech-loan subsidy waits for the repayment', () => {
    const bind = grantsAtBind(shipped, {
      policy: loanPolicy,
      enterprise: { facts: shanghaiFirm },
      histories: fresh,
    });
    // Only the programmes whose tag the product carries are evaluated, in priority order.
    expect(bind.decisions.map((d) => [d.programme, d.amount])).toEqual([
      ['shanghai-tech-loan', 0n],
      ['shanghai-2025-tiered', yuan('20000.00')],
    ]);
    expect(bind).toMatchObject({ total: yuan('20000.00'), toInsurer: yuan('20000.00'), toEnterprise: 0n });
  });

  it('grants one programme per no-double-dip group: the earlier one', () => {
    const repaid = { ...loanPolicy, facts: { loanRepaidOnTime: true } };
    const bind = grantsAtBind(shipped, {
      policy: repaid,
      enterprise: { facts: shanghaiFirm },
      histories: fresh,
    });
    expect(bind.decisions.map((d) => [d.programme, d.amount, d.refusal?.reason ?? null])).toEqual([
      ['shanghai-tech-loan', yuan('20000.00'), null],
      ['shanghai-2025-tiered', 0n, 'subsidy.double_dip'],
    ]);
    expect(bind).toMatchObject({ total: yuan('20000.00'), toInsurer: 0n, toEnterprise: yuan('20000.00') });
  });

  it('lets a later programme of the group in when the earlier one grants nothing', () => {
    const equipment = {
      productCode: 'KB-AP-EQUIP',
      statisticalClass: 'application',
      subsidyTags: ['central-first-set-2024', 'central-first-set-legacy', 'zhejiang-first-set'],
      premium: yuan('60000.00'),
      sumInsured: yuan('2000000.00'),
      startDate: '2024-03-01',
      facts: { firstSetLevel: 'international' },
    };
    const maker = { region: '330106', catalogueListings: ['first_set_equipment'], dishonest: false };
    const withoutQuota = grantsAtBind(shipped, {
      policy: equipment,
      enterprise: { facts: maker },
      histories: fresh,
    });
    expect(withoutQuota.decisions.map((d) => [d.programme, d.amount])).toEqual([
      ['central-first-set-2024', 0n],
      ['central-first-set-legacy', 0n],
      ['zhejiang-first-set', yuan('36000.00')],
    ]);
    const withQuota = grantsAtBind(shipped, {
      policy: equipment,
      enterprise: { facts: maker },
      histories: { ...fresh, 'central-first-set-2024': freshHistory({ quotaLeft: yuan('1000000.00') }) },
    });
    expect(withQuota.decisions.map((d) => [d.programme, d.amount])).toEqual([
      ['central-first-set-2024', yuan('48000.00')],
      ['central-first-set-legacy', 0n],
      ['zhejiang-first-set', 0n],
    ]);
    expect(withQuota.decisions[2]?.refusal?.reason).toBe('subsidy.double_dip');
  });

  it('never grants more than the premium together', () => {
    const generous = (code: string, priority: number): SubsidyProgramme => ({
      ...loadProgramme('shanghai-2025-tiered'),
      code,
      priority,
      eligibility: { classes: ['base'] },
      share: { rate: '0.7' },
      noDoubleDipGroup: undefined,
      caps: undefined,
    });
    const programmes = [generous('second-one', 2), generous('first-one', 1)];
    const bind = grantsAtBind(programmes, {
      policy: loanPolicy,
      enterprise: { facts: shanghaiFirm },
      histories: { 'first-one': freshHistory(), 'second-one': freshHistory() },
    });
    expect(bind.decisions.map((d) => [d.programme, d.amount])).toEqual([
      ['first-one', yuan('28000.00')],
      ['second-one', yuan('12000.00')],
    ]);
    expect(bind.total).toBe(loanPolicy.premium);
    const last = bind.decisions[1]?.steps.find((s) => s.rule === 'premium_left');
    expect(last).toMatchObject({ amount: yuan('12000.00'), binds: true });
  });

  it('needs the history of every programme that covers the product, and each programme once', () => {
    const tiered = loadProgramme('shanghai-2025-tiered');
    const ctx = { policy: loanPolicy, enterprise: { facts: shanghaiFirm }, histories: {} };
    expect(() => grantsAtBind([tiered], ctx)).toThrow(/no history for programme shanghai-2025-tiered/);
    expect(() => grantsAtBind([tiered, tiered], { ...ctx, histories: fresh })).toThrow(RangeError);
    // A programme for other products needs none.
    expect(grantsAtBind([loadProgramme('central-first-set-2024')], ctx).decisions).toEqual([]);
  });
});
