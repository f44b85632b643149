import { describe, expect, it } from 'vitest';
import {
  hasStatementFilters,
  isCalendarDay,
  readStatementFilters,
  statementFilterKey,
  statementListQuery,
  statementReading,
  withoutStatementFilters,
  withStatementFilter,
} from './oversight.ts';

const funder = '0b0e2f34-2f8e-4b55-9d41-6b1f3d1c2a10';
const insurer = '5d1c0a6e-1f3b-4b1e-9a8c-2e7f4d6b8c01';
const regulator = '7a2d4c1e-3b5f-4e8a-9c0d-1f2e3a4b5c6d';

describe('the filters of 账务核对 → 结算单', () => {
  it('reads the filters the address holds', () => {
    const params = new URLSearchParams(
      `tab=settlements&kind=subsidy&drawer=${funder}&counterparty=${insurer}&from=2026-01-01&to=2026-03-31`,
    );
    expect(readStatementFilters(params)).toEqual({
      kind: 'subsidy',
      drawer: funder,
      counterparty: insurer,
      from: '2026-01-01',
      to: '2026-03-31',
    });
    expect(readStatementFilters(new URLSearchParams('tab=settlements'))).toEqual({});
  });

  it('leaves out what the server would refuse: an unknown kind, a drawer that is no id, a day that does not exist, an end before the start', () => {
    expect(
      readStatementFilters(
        new URLSearchParams('kind=premium&drawer=lingang&from=2026-02-30&to=2026-13-01&counterparty=%20'),
      ),
    ).toEqual({});
    expect(readStatementFilters(new URLSearchParams('from=2026-04-01&to=2026-03-31'))).toEqual({
      from: '2026-04-01',
    });
    expect(readStatementFilters(new URLSearchParams('from=2026-03-31&to=2026-03-31'))).toEqual({
      from: '2026-03-31',
      to: '2026-03-31',
    });
    // A reinsurer is named by its code, not an id.
    expect(readStatementFilters(new URLSearchParams('counterparty=示例再保险股份有限公司'))).toEqual({
      counterparty: '示例再保险股份有限公司',
    });
    expect(readStatementFilters(new URLSearchParams(`counterparty=${'x'.repeat(65)}`))).toEqual({});
  });

  it('knows a calendar day', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });

  it('sets and clears one filter, keeping the tab and the others', () => {
    const params = new URLSearchParams('tab=settlements&kind=subsidy');
    const set = withStatementFilter(params, 'drawer', funder);
    expect(set.toString()).toBe(`tab=settlements&kind=subsidy&drawer=${funder}`);
    expect(params.toString()).toBe('tab=settlements&kind=subsidy');
    expect(withStatementFilter(set, 'kind', undefined).toString()).toBe(`tab=settlements&drawer=${funder}`);
    expect(withStatementFilter(set, 'from', '').toString()).toBe(set.toString());
    expect(withoutStatementFilters(set).toString()).toBe('tab=settlements');
  });

  it('tells whether any filter is set, and changes its key with any of them', () => {
    expect(hasStatementFilters({})).toBe(false);
    expect(hasStatementFilters({ to: '2026-03-31' })).toBe(true);
    const keys = new Set(
      [
        {},
        { kind: 'subsidy' as const },
        { drawer: funder },
        { counterparty: funder },
        { from: '2026-01-01' },
      ].map(statementFilterKey),
    );
    expect(keys.size).toBe(5);
  });

  it('asks the server for exactly the filters set, the status and the page', () => {
    expect(statementListQuery({}, { status: undefined, limit: 20, offset: 0 })).toEqual({
      limit: 20,
      offset: 0,
    });
    expect(
      statementListQuery(
        { kind: 'subsidy', drawer: funder, counterparty: insurer, from: '2026-01-01', to: '2026-03-31' },
        { status: 'open', limit: 50, offset: 100 },
      ),
    ).toEqual({
      kind: 'subsidy',
      status: 'open',
      drawer: funder,
      counterparty: insurer,
      from: '2026-01-01',
      to: '2026-03-31',
      limit: 50,
      offset: 100,
    });
  });
});

describe('how a statement’s amount reads', () => {
  const statement = { direction: 'pay', drawer: { id: funder }, counterparty: { id: insurer } };

  it('for its parties, from their own side', () => {
    expect(statementReading(statement, funder)).toEqual({ party: true, direction: 'pay' });
    expect(statementReading(statement, insurer)).toEqual({ party: true, direction: 'receive' });
  });

  it('for the regulator and the platform, from the drawer’s', () => {
    expect(statementReading(statement, regulator)).toEqual({ party: false, direction: 'pay' });
    expect(statementReading({ ...statement, direction: 'receive' }, regulator)).toEqual({
      party: false,
      direction: 'receive',
    });
  });
});
