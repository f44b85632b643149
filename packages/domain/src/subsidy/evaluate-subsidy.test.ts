import { describe, expect, it } from 'vitest';
import type { SubsidyDecision, SubsidyStep } from './decision.ts';
import { evaluateSubsidy } from './evaluate-subsidy.ts';
import { approvedQuota } from './quota.ts';
import { contextOf, loadProgramme, yuan } from './shipped-programmes.fixture.ts';

const step = (decision: SubsidyDecision, rule: SubsidyStep['rule']) =>
  decision.steps.find((candidate) => candidate.rule === rule);

const equipment = {
  productCode: 'KB-AP-EQUIP',
  subsidyTags: ['central-first-set-legacy', 'zhejiang-first-set'],
};
const shanghaiFirm = { region: '310115', scoreBand: 'A', creditGrade: 'B', dishonest: false };

describe('the legacy central first-of-a-kind subsidy (2015–2023)', () => {
  const legacy = loadProgramme('central-first-set-legacy');
  const listed = { catalogueListings: ['first_set_equipment'] };

  it('counts a 6% rate at 3%: premium 300,000 on 5,000,000 → eligible 150,000 → 80% = 120,000', () => {
    const decision = evaluateSubsidy(
      legacy,
      contextOf(
        {
          ...equipment,
          premium: yuan('300000.00'),
          sumInsured: yuan('5000000.00'),
          startDate: '2023-06-01',
          facts: { continuousYear: 1 },
        },
        listed,
      ),
    );
    expect(decision).toMatchObject({
      eligible: true,
      amount: yuan('120000.00'),
      eligiblePremium: yuan('150000.00'),
      share: '0.8',
      refusal: null,
      payee: 'enterprise',
      funding: [{ level: 'central', amount: yuan('120000.00') }],
    });
    expect(step(decision, 'rate_cap')).toMatchObject({
      amount: yuan('150000.00'),
      binds: true,
      value: '0.03',
    });
    expect(step(decision, 'rate_cap')?.en).toContain('3% × sum insured 5,000,000.00 = 150,000.00');
    expect(step(decision, 'share_of_premium')?.amount).toBe(yuan('120000.00'));
    expect(step(decision, 'grant')?.zh).toBe('补贴金额 120,000.00 元');
  });

  it('keeps a premium below the cap whole: 100,000 at 2% → 80,000', () => {
    const decision = evaluateSubsidy(
      legacy,
      contextOf(
        {
          ...equipment,
          premium: yuan('100000.00'),
          sumInsured: yuan('5000000.00'),
          startDate: '2022-01-01',
          facts: { continuousYear: 2 },
        },
        listed,
        { yearIndex: 2 },
      ),
    );
    expect(decision.amount).toBe(yuan('80000.00'));
    expect(step(decision, 'rate_cap')?.binds).toBe(false);
  });

  it('refuses a policy starting after the regime ended, and a fourth year', () => {
    const late = evaluateSubsidy(
      legacy,
      contextOf({ ...equipment, startDate: '2024-01-01', facts: { continuousYear: 1 } }, listed),
    );
    expect(late.refusal?.reason).toBe('subsidy.outside_window');
    expect(late).toMatchObject({ eligible: false, amount: 0n, share: null, eligiblePremium: 0n });
    const fourth = evaluateSubsidy(
      legacy,
      contextOf({ ...equipment, startDate: '2023-01-01', facts: { continuousYear: 3 } }, listed, {
        yearIndex: 4,
      }),
    );
    expect(fourth.refusal?.reason).toBe('subsidy.max_years');
  });
});

describe('Zhejiang first-of-a-kind: tiers by level, stepping down by year, rate cap 2%', () => {
  const zhejiang = loadProgramme('zhejiang-first-set');
  const hangzhouFirm = { region: '330106', dishonest: false };
  // 60,000 on 2,000,000 is a 3% rate: counted at 2%, 40,000.
  const decideYear = (yearIndex: number, level = 'international') =>
    evaluateSubsidy(
      zhejiang,
      contextOf(
        {
          ...equipment,
          premium: yuan('60000.00'),
          sumInsured: yuan('2000000.00'),
          startDate: '2024-03-01',
          facts: { firstSetLevel: level },
        },
        hangzhouFirm,
        { yearIndex },
      ),
    );

  it('pays an international first 90%, 80%, 70% of the eligible 40,000 in years 1, 2, 3', () => {
    expect([1, 2, 3].map((year) => decideYear(year).amount)).toEqual([
      yuan('36000.00'),
      yuan('32000.00'),
      yuan('28000.00'),
    ]);
    const second = decideYear(2);
    expect(second.share).toBe('0.8');
    expect(step(second, 'tier')?.zh).toBe('适用“国际首台(套)”档');
    expect(step(second, 'year_step')?.en).toBe('Stepping down by year (90% / 80% / 70%): year 2 takes 80%');
  });

  it('pays national and provincial firsts 80% and 70% in the first year', () => {
    expect(decideYear(1, 'national').amount).toBe(yuan('32000.00'));
    expect(decideYear(1, 'provincial').amount).toBe(yuan('28000.00'));
  });

  it('asks for the level when it is not known, and stops after year 3', () => {
    const unknown = evaluateSubsidy(
      zhejiang,
      contextOf({ ...equipment, startDate: '2024-03-01' }, hangzhouFirm),
    );
    expect(unknown.refusal?.reason).toBe('subsidy.missing_facts');
    expect(unknown.missingFacts).toEqual(['request.firstSetLevel']);
    expect(decideYear(4).refusal?.reason).toBe('subsidy.max_years');
  });

  it('refuses an enterprise outside Zhejiang with the programme’s reason', () => {
    const decision = evaluateSubsidy(
      zhejiang,
      contextOf(
        { ...equipment, startDate: '2024-03-01', facts: { firstSetLevel: 'national' } },
        shanghaiFirm,
      ),
    );
    expect(decision.refusal).toEqual({
      reason: 'region.zhejiang',
      zh: '投保企业须为浙江省内企业',
      en: 'The policyholder must be registered in Zhejiang',
    });
  });
});

describe('Suzhou: 50%, at most 300,000 per enterprise a year', () => {
  const suzhou = loadProgramme('suzhou-city');
  const policy = {
    productCode: 'KB-RD-LIAB',
    subsidyTags: ['suzhou-city'],
    statisticalClass: 'rd_transfer',
    premium: yuan('200000.00'),
    facts: { platformRegistered: true },
  };

  it('grants the 50,000 left when 250,000 were granted this year', () => {
    const decision = evaluateSubsidy(
      suzhou,
      contextOf(policy, { region: '320583' }, { grantedThisYearToEnterprise: yuan('250000.00') }),
    );
    expect(decision.amount).toBe(yuan('50000.00'));
    expect(step(decision, 'share_of_premium')?.amount).toBe(yuan('100000.00'));
    expect(step(decision, 'cap_per_enterprise_year')).toMatchObject({
      amount: yuan('50000.00'),
      binds: true,
    });
    expect(step(decision, 'cap_per_enterprise_year')?.zh).toBe(
      '每家企业每年不超过 300,000.00 元，本年已补 250,000.00 元，尚余 50,000.00 元',
    );
  });

  it('is eligible but grants nothing once the year’s cap is used up, and says so', () => {
    const decision = evaluateSubsidy(
      suzhou,
      contextOf(policy, { region: '320583' }, { grantedThisYearToEnterprise: yuan('300000.00') }),
    );
    expect(decision).toMatchObject({ eligible: true, amount: 0n, funding: [] });
    expect(decision.refusal?.reason).toBe('subsidy.enterprise_cap_reached');
  });

  it('waits for the registration on the city platform', () => {
    const decision = evaluateSubsidy(suzhou, contextOf({ ...policy, facts: {} }, { region: '320583' }));
    expect(decision.refusal?.reason).toBe('subsidy.missing_facts');
    expect(decision.refusal?.zh).toBe('尚需确认：保单已在市级平台登记');
  });
});

describe('Shenzhen 2025 IP: a budget of 5,000,000', () => {
  const shenzhen = loadProgramme('shenzhen-ip-2025');
  const ipPolicy = {
    productCode: 'KB-IP-ENFORCE',
    subsidyTags: ['shenzhen-ip-2025'],
    statisticalClass: 'intellectual_property',
    premium: yuan('100000.00'),
  };
  const shenzhenFirm = { region: '440305', dishonest: false };

  it('grants only what is left of a nearly exhausted budget', () => {
    const decision = evaluateSubsidy(
      shenzhen,
      contextOf(ipPolicy, shenzhenFirm, { programmeGranted: yuan('4990000.00') }),
    );
    expect(decision.amount).toBe(yuan('10000.00'));
    expect(decision.refusal).toBeNull();
    expect(step(decision, 'budget')).toMatchObject({ amount: yuan('10000.00'), binds: true });
  });

  it('grants nothing from a spent budget', () => {
    const decision = evaluateSubsidy(
      shenzhen,
      contextOf(ipPolicy, shenzhenFirm, { programmeGranted: yuan('5000000.00') }),
    );
    expect(decision).toMatchObject({ eligible: true, amount: 0n });
    expect(decision.refusal?.reason).toBe('subsidy.budget_exhausted');
  });

  it('takes no policy starting after 2025', () => {
    const decision = evaluateSubsidy(
      shenzhen,
      contextOf({ ...ipPolicy, startDate: '2026-01-01' }, shenzhenFirm),
    );
    expect(decision.refusal?.reason).toBe('subsidy.outside_window');
  });
});

describe('Shanghai 2025: tiered by the evaluation score band', () => {
  const tiered = loadProgramme('shanghai-2025-tiered');
  const cyber = {
    productCode: 'KB-BR-CYBER',
    subsidyTags: ['shanghai-2025-tiered'],
    statisticalClass: 'base',
    premium: yuan('100000.01'),
  };
  const decideBand = (scoreBand: string | undefined) =>
    evaluateSubsidy(tiered, contextOf(cyber, { ...shanghaiFirm, scoreBand }));

  it('pays band A 50%, B 40%, C 30%, rounding half up to the fen', () => {
    expect(decideBand('A').amount).toBe(yuan('50000.01')); // 50,000.005 → .01
    expect(decideBand('B').amount).toBe(yuan('40000.00')); // 40,000.004
    expect(decideBand('C').amount).toBe(yuan('30000.00')); // 30,000.003
    expect(step(decideBand('B'), 'tier')?.en).toBe('Tier: score band B, share 40%');
  });

  it('has no tier for band D, and asks for a band it is not told', () => {
    expect(decideBand('D').refusal?.reason).toBe('subsidy.no_tier');
    const unknown = decideBand(undefined);
    expect(unknown.refusal?.reason).toBe('subsidy.missing_facts');
    expect(unknown.missingFacts).toEqual(['enterprise.scoreBand']);
  });

  it('splits the grant half city, half district, to the fen', () => {
    expect(decideBand('A').funding).toEqual([
      { level: 'city', amount: yuan('25000.01') },
      { level: 'district', amount: yuan('25000.00') },
    ]);
  });

  it('refuses an enterprise with a serious dishonesty record, giving the reason', () => {
    const decision = evaluateSubsidy(tiered, contextOf(cyber, { ...shanghaiFirm, dishonest: true }));
    expect(decision.eligible).toBe(false);
    expect(decision.refusal).toEqual({
      reason: 'tiered.no_dishonesty',
      zh: '投保企业不得有严重失信记录',
      en: 'The policyholder must have no serious dishonesty record',
    });
    const failed = decision.steps.find((s) => s.reason === 'tiered.no_dishonesty');
    expect(failed).toMatchObject({ rule: 'condition', result: 'fail' });
  });

  it('reads a quote’s facts by path as well as enterprise facts by bare key', () => {
    const byPath = evaluateSubsidy(tiered, {
      ...contextOf(cyber, {}),
      enterprise: {
        facts: {
          'enterprise.region': '310104',
          'enterprise.scoreBand': 'B',
          'enterprise.creditGrade': 'A',
          'enterprise.dishonest': false,
        },
      },
    });
    expect(byPath.amount).toBe(yuan('40000.00'));
  });

  it('refuses a product that carries no tag of the programme', () => {
    const decision = evaluateSubsidy(tiered, contextOf({ ...cyber, subsidyTags: [] }, shanghaiFirm));
    expect(decision.refusal?.reason).toBe('subsidy.product_not_covered');
  });

  it('refuses a policy a programme of its no-double-dip group already subsidises', () => {
    const decision = evaluateSubsidy(
      tiered,
      contextOf(cyber, shanghaiFirm, { groupsAlreadyGranted: ['shanghai_municipal'] }),
    );
    expect(decision.refusal?.reason).toBe('subsidy.double_dip');
  });

  it('refuses an enterprise barred after fraud until the bar ends', () => {
    const barred = evaluateSubsidy(tiered, contextOf(cyber, shanghaiFirm, { barredUntil: '2025-06-01' }));
    expect(barred.refusal?.reason).toBe('subsidy.barred');
    const after = evaluateSubsidy(tiered, contextOf(cyber, shanghaiFirm, { barredUntil: '2025-03-01' }));
    expect(after.amount).toBe(yuan('50000.01'));
  });
});

describe('Shandong IP: 60% plus 10 points for a high-value patent; 400,000 for overseas cover', () => {
  const shandong = loadProgramme('shandong-ip');
  const jinanFirm = { region: '370102', dishonest: false };
  const overseas = {
    productCode: 'KB-IP-OVERSEAS',
    subsidyTags: ['shandong-ip'],
    statisticalClass: 'intellectual_property',
    premium: yuan('800000.00'),
  };

  it('adds the bonus points for a high-value patent', () => {
    const plain = evaluateSubsidy(
      shandong,
      contextOf({ ...overseas, premium: yuan('100000.00') }, jinanFirm),
    );
    expect(plain.amount).toBe(yuan('60000.00'));
    const bonus = evaluateSubsidy(
      shandong,
      contextOf({ ...overseas, premium: yuan('100000.00'), facts: { highValuePatent: true } }, jinanFirm),
    );
    expect(bonus).toMatchObject({ amount: yuan('70000.00'), share: '0.7' });
    expect(step(bonus, 'bonus')).toMatchObject({ reason: 'ip.high_value_patent', result: 'pass' });
  });

  it('caps overseas cover at 400,000 and other cover at 200,000 a year', () => {
    expect(evaluateSubsidy(shandong, contextOf(overseas, jinanFirm)).amount).toBe(yuan('400000.00'));
    const enforcement = { ...overseas, productCode: 'KB-IP-ENFORCE' };
    expect(evaluateSubsidy(shandong, contextOf(enforcement, jinanFirm)).amount).toBe(yuan('200000.00'));
  });
});

describe('Beijing IP pilot: 100% in the first year', () => {
  const beijing = loadProgramme('beijing-ip-pilot');
  const enforcement = {
    productCode: 'KB-IP-ENFORCE',
    subsidyTags: ['beijing-ip-pilot'],
    statisticalClass: 'intellectual_property',
    premium: yuan('150000.00'),
  };

  it('pays a champion all of it in year 1 and 80% in year 2, within 500,000', () => {
    const champion = { region: '110108', dishonest: false, manufacturingChampion: true };
    expect(evaluateSubsidy(beijing, contextOf(enforcement, champion)).amount).toBe(yuan('150000.00'));
    expect(evaluateSubsidy(beijing, contextOf(enforcement, champion, { yearIndex: 2 })).amount).toBe(
      yuan('120000.00'),
    );
  });

  it('caps a small enterprise at 200,000 a year', () => {
    const sme = { region: '110108', dishonest: false, manufacturingChampion: false, size: 'small' };
    const decision = evaluateSubsidy(
      beijing,
      contextOf(enforcement, sme, { grantedThisYearToEnterprise: yuan('100000.00') }),
    );
    expect(decision.amount).toBe(yuan('100000.00'));
  });
});

describe('the central 2024 regime: the approved quota comes first', () => {
  const central = loadProgramme('central-first-set-2024');
  const equip = {
    productCode: 'KB-AP-EQUIP',
    subsidyTags: ['central-first-set-2024'],
    premium: yuan('200000.00'),
  };
  const maker = { catalogueListings: ['first_set_equipment'], dishonest: false };

  it('approves 3% of the product’s value as the quota, and no quota where the programme has none', () => {
    expect(approvedQuota(central, yuan('12345678.90'))).toBe(yuan('370370.37'));
    expect(approvedQuota(loadProgramme('suzhou-city'), yuan('1000000.00'))).toBeNull();
  });

  it('refuses without an approved quota', () => {
    const decision = evaluateSubsidy(central, contextOf(equip, maker));
    expect(decision.refusal?.reason).toBe('subsidy.no_quota');
  });

  it('pays 80% within the quota left, and nothing after the quota’s three years', () => {
    const within = evaluateSubsidy(central, contextOf(equip, maker, { quotaLeft: yuan('100000.00') }));
    expect(within.amount).toBe(yuan('100000.00'));
    expect(step(within, 'quota_left')).toMatchObject({ binds: true });
    const expired = evaluateSubsidy(
      central,
      contextOf(equip, maker, { quotaLeft: yuan('100000.00'), yearIndex: 4 }),
    );
    expect(expired.refusal?.reason).toBe('subsidy.max_years');
  });
});

describe('Shanghai tech loan: no application needed, once the loan is repaid on time', () => {
  const loan = loadProgramme('shanghai-tech-loan');
  const policy = {
    productCode: 'KB-BR-LOAN',
    subsidyTags: ['shanghai-tech-loan'],
    statisticalClass: 'base',
    premium: yuan('40000.00'),
  };

  it('waits at bind for the repayment, then pays the enterprise half', () => {
    const atBind = evaluateSubsidy(loan, contextOf(policy, shanghaiFirm));
    expect(atBind.refusal?.reason).toBe('subsidy.missing_facts');
    expect(atBind.missingFacts).toEqual(['request.loanRepaidOnTime']);
    const repaid = evaluateSubsidy(
      loan,
      contextOf({ ...policy, facts: { 'request.loanRepaidOnTime': true } }, shanghaiFirm),
    );
    expect(repaid).toMatchObject({ amount: yuan('20000.00'), payee: 'enterprise' });
  });

  it('reports a definite failure before a missing fact', () => {
    const decision = evaluateSubsidy(loan, contextOf(policy, { ...shanghaiFirm, region: '440305' }));
    expect(decision.refusal?.reason).toBe('region.shanghai');
  });
});

describe('Shanghai clinical trials: at most 500,000 per policy', () => {
  it('caps a 1,200,000 premium’s half at 500,000, counting what the policy had', () => {
    const trial = loadProgramme('shanghai-clinical-trial');
    const decision = evaluateSubsidy(
      trial,
      contextOf(
        {
          productCode: 'KB-RD-TRIAL',
          subsidyTags: ['shanghai-clinical-trial'],
          statisticalClass: 'rd_transfer',
          premium: yuan('1200000.00'),
        },
        shanghaiFirm,
        { grantedToPolicy: yuan('300000.00') },
      ),
    );
    expect(decision.amount).toBe(yuan('200000.00'));
    expect(step(decision, 'cap_per_policy')).toMatchObject({ amount: yuan('200000.00'), binds: true });
  });
});

describe('impossible input', () => {
  it('throws on a negative premium or a year index below 1', () => {
    const tiered = loadProgramme('shanghai-2025-tiered');
    const cyber = { productCode: 'KB-BR-CYBER', subsidyTags: ['shanghai-2025-tiered'] };
    expect(() => evaluateSubsidy(tiered, contextOf({ ...cyber, premium: -1n }, shanghaiFirm))).toThrow(
      RangeError,
    );
    expect(() => evaluateSubsidy(tiered, contextOf(cyber, shanghaiFirm, { yearIndex: 0 }))).toThrow(
      RangeError,
    );
  });
});
