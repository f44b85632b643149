import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { workingDaysAfter } from '@kebao/domain/subsidy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Client } from '../../../test/http.ts';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { loadShippedCalendars } from '../src/modules/calendar/load-calendars.ts';
import { workingCalendarFor } from '../src/modules/calendar/service.ts';
import { CATALOG_DIR, CatalogError } from '../src/modules/catalog/load-catalog.ts';

/*
 * The working-day calendar (工作日历) over HTTP on a real database: the shipped years loaded at start, read
 * by anyone signed in, replaced by a platform administrator when a notice changes, and what the next start
 * does with a year put in through the API.
 */

let t: TestServer;
let platform: Client;
let enterprise: Client;

interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  names: { zh: string; en: string };
}

async function shipped2026(): Promise<{ year: number; source: string; days: Day[] }> {
  return parse(await readFile(path.join(CATALOG_DIR, 'calendars', 'cn-2026.yaml'), 'utf8'));
}

async function calendarAudit() {
  const r = await t.db.pool.query<{ action: string; after: { checksum: string; origin: string } }>(
    `SELECT action, after FROM audit_log WHERE entity_type = 'working_calendar_year' AND entity_id = '2026'
      ORDER BY id`,
  );
  return r.rows;
}

beforeAll(async () => {
  t = await startTestServer();
  [platform, enterprise] = await Promise.all([
    t.as('platform@demo.kebao.cn'),
    t.as('enterprise@demo.kebao.cn'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('the shipped years', () => {
  it('are loaded at start from catalog/calendars', async () => {
    const r = await enterprise.get('/api/calendar');
    expect(r.status).toBe(200);
    expect(r.body.items).toMatchObject([
      { year: 2025, origin: 'catalog', holidays: 28, workdays: 5 },
      { year: 2026, origin: 'catalog', holidays: 33, workdays: 6 },
    ]);
    expect(r.body.items[0].source).toContain('国办发明电〔2024〕12号');
  });

  it('are read by anyone signed in, a day at a time in date order', async () => {
    const r = await enterprise.get('/api/calendar/2026');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      year: 2026,
      origin: 'catalog',
      source: expect.stringContaining('国务院办公厅关于2026年部分节假日安排的通知'),
    });
    expect(Date.parse(r.body.loadedAt)).not.toBeNaN();
    const national = r.body.days.filter((d: Day) => d.names.zh.startsWith('国庆节'));
    expect(national.map((d: Day) => `${d.date} ${d.kind}`)).toEqual([
      '2026-09-20 workday',
      ...['01', '02', '03', '04', '05', '06', '07'].map((day) => `2026-10-${day} holiday`),
      '2026-10-10 workday',
    ]);
  });

  it('are not shown to a caller who is not signed in', async () => {
    expect((await t.client().get('/api/calendar')).status).toBe(401);
    const r = await t.client().get('/api/calendar/2026');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('auth.required');
  });

  it('answers 404 calendar.year_not_found for a year not loaded', async () => {
    const r = await enterprise.get('/api/calendar/2031');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      code: 'calendar.year_not_found',
      message_zh: '尚未载入 2031 年的工作日历',
      message_en: 'No working-day calendar is loaded for 2031',
    });
  });

  it('give the deadline count the holidays of the date’s year and the next', async () => {
    const calendar = await workingCalendarFor(t.db.pool, '2025-12-20');
    expect(calendar.holidays).toContain('2025-10-01');
    expect(calendar.workdays).toContain('2026-01-04');
    expect(workingDaysAfter('2026-09-30', 3, calendar)).toBe('2026-10-10');
    const one = await workingCalendarFor(t.db.pool, '2026-03-01', 1);
    expect(one.holidays?.every((d) => d.startsWith('2026-'))).toBe(true);
    expect(await workingCalendarFor(t.db.pool, '2029-01-01')).toEqual({ holidays: [], workdays: [] });
  });
});

describe('putting a year in through the API (platform administrator)', () => {
  it('is refused to anyone else (403)', async () => {
    const funder = await t.as('funder@demo.kebao.cn');
    for (const client of [enterprise, funder]) {
      const r = await client.put('/api/calendar/2026', await shipped2026());
      expect(r.status).toBe(403);
    }
  });

  it('refuses a weekend day worked that falls on a Wednesday, with its path', async () => {
    const body = await shipped2026();
    const index = body.days.findIndex((d) => d.date === '2026-10-10');
    body.days[index] = { ...(body.days[index] as Day), date: '2026-10-14' };
    const r = await platform.put('/api/calendar/2026', body);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('request.invalid');
    expect(r.body.errors).toEqual([
      {
        path: `/body/days/${index}/date`,
        code: 'calendar.workday_not_weekend',
        message_zh: '2026-10-14 是星期三：调休上班日应为星期六或星期日',
        message_en: '2026-10-14 is a Wednesday: a day worked instead (调休) must be a Saturday or Sunday',
      },
    ]);
  });

  it('refuses a malformed day and a year that is not the path’s, with their paths', async () => {
    const body = await shipped2026();
    const r = await platform.put('/api/calendar/2026', {
      ...body,
      days: [{ date: '2026-13-01', kind: 'holiday', names: { zh: '元旦' } }],
    });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual([
      '/body/days/0/date schema.pattern',
      '/body/days/0/names/en schema.required',
    ]);
    const other = await platform.put('/api/calendar/2027', body);
    expect(other.status).toBe(400);
    expect(other.body.errors).toMatchObject([{ path: '/body/year', code: 'calendar.year_mismatch' }]);
    // Nothing was changed by any of them.
    expect((await enterprise.get('/api/calendar/2026')).body.origin).toBe('catalog');
  });

  it('replaces the year in one transaction, audited, and deadlines count on the new days', async () => {
    const before = await workingCalendarFor(t.db.pool, '2026-09-01');
    expect(workingDaysAfter('2026-09-30', 1, before)).toBe('2026-10-08');
    // A corrected notice: National Day runs to Thursday 8 October.
    const body = await shipped2026();
    body.source = '《国务院办公厅关于2026年部分节假日安排的通知》（测试更正）';
    body.days.push({ date: '2026-10-08', kind: 'holiday', names: { zh: '国庆节', en: 'National Day' } });
    const r = await platform.put('/api/calendar/2026', body);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, origin: 'api', holidays: 34, workdays: 6 });
    expect(r.body.source).toContain('测试更正');
    expect(r.body.days.map((d: Day) => d.date)).toContain('2026-10-08');

    const after = await workingCalendarFor(t.db.pool, '2026-09-01');
    expect(after.holidays).toContain('2026-10-08');
    expect(workingDaysAfter('2026-09-30', 1, after)).toBe('2026-10-09');

    const audit = await calendarAudit();
    expect(audit.map((a) => `${a.action} ${a.after.origin}`)).toEqual([
      'calendar.load catalog',
      'calendar.replace api',
    ]);
    const records = await platform.get('/api/audit?entityType=working_calendar_year&entityId=2026');
    expect(records.body.items[0]).toMatchObject({
      action: 'calendar.replace',
      before: { origin: 'catalog', holidays: 33 },
      after: { origin: 'api', holidays: 34, workdays: 6 },
    });

    // The same content again changes nothing and writes no record.
    expect((await platform.put('/api/calendar/2026', body)).status).toBe(200);
    expect(await calendarAudit()).toHaveLength(2);
  });

  it('stays over the next start while the shipped file is one the year already had', async () => {
    expect(await loadShippedCalendars(t.db.pool, t.server.services.tx, CATALOG_DIR)).toEqual({
      added: [],
      kept: [2026],
    });
    expect((await enterprise.get('/api/calendar/2026')).body).toMatchObject({ origin: 'api', holidays: 34 });
  });

  it('gives way to a shipped file with content the year never had', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-calendars-'));
    try {
      await mkdir(path.join(dir, 'calendars'));
      const text = await readFile(path.join(CATALOG_DIR, 'calendars', 'cn-2026.yaml'), 'utf8');
      const corrected = text.replace('（2025年11月4日）', '（2025年11月4日，更正）');
      expect(corrected).not.toBe(text);
      await writeFile(path.join(dir, 'calendars', 'cn-2026.yaml'), corrected);
      expect(await loadShippedCalendars(t.db.pool, t.server.services.tx, dir)).toEqual({
        added: [2026],
        kept: [],
      });
      const r = await enterprise.get('/api/calendar/2026');
      expect(r.body).toMatchObject({ origin: 'catalog', holidays: 33 });
      expect(r.body.source).toContain('更正');
      // Loaded once: the next start leaves it.
      expect(await loadShippedCalendars(t.db.pool, t.server.services.tx, dir)).toEqual({
        added: [],
        kept: [],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops the start on a shipped file that breaks the rules, naming the file and the path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kebao-calendars-'));
    try {
      await mkdir(path.join(dir, 'calendars'));
      const text = await readFile(path.join(CATALOG_DIR, 'calendars', 'cn-2026.yaml'), 'utf8');
      await writeFile(
        path.join(dir, 'calendars', 'cn-2026.yaml'),
        text.replace("'2026-10-10'", "'2026-10-14'"),
      );
      const error = (await loadShippedCalendars(t.db.pool, t.server.services.tx, dir).catch(
        (e: unknown) => e,
      )) as CatalogError;
      expect(error).toBeInstanceOf(CatalogError);
      expect(error.problems).toEqual([
        expect.stringMatching(
          /^cn-2026\.yaml: \/days\/38\/date 2026-10-14 is a Wednesday.*calendar\.workday_not_weekend/,
        ),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
