import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatYuan } from '@kebao/domain/money';
import { ratioText } from '@kebao/domain/monitor';
import { Permission } from '@kebao/domain/org';
import { Type } from 'typebox';
import { problem } from '../../platform/errors.ts';
import { Money, Nullable, Page, PageQuery, problemResponses } from '../../platform/http/schemas.ts';
import {
  BREAKDOWN_DIMENSIONS,
  type BreakdownSums,
  breakdownProgramme,
  programmeBreakdown,
} from './breakdown.ts';

const tags = ['subsidy'];

const Sums = {
  grants: Type.Integer({ description: 'grants counted (every status committed, and revoked ones)' }),
  committed: Money,
  paid: Money,
  clawedBack: Money,
};

const BreakdownRowView = Type.Object({
  key: Type.String({
    description:
      'product code · statistical class · GB/T 2260 region code ("unknown": none recorded) · enterprise id',
  }),
  label: Type.String({
    description:
      'in Chinese: the product’s name · the class as the statistics name it · the district’s full name from GET /api/regions (上海市浦东新区; the code when the list does not hold it) · the enterprise’s name',
  }),
  labelEn: Type.String({ description: 'in English where there is one (the enterprise’s name otherwise)' }),
  uscc: Nullable(Type.String({ description: 'the enterprise’s unified social credit code (by=enterprise)' })),
  ...Sums,
  share: Nullable(
    Type.String({
      description:
        'committed ÷ the programme’s committed, a decimal fraction with 6 places rounded up ("0.125000" = 12.5%); null while nothing is committed',
    }),
  ),
});

const BreakdownPage = Page(BreakdownRowView);

const BreakdownView = Type.Object({
  programme: Type.Object({ code: Type.String(), name: Type.String() }),
  by: Type.Enum([...BREAKDOWN_DIMENSIONS]),
  ...BreakdownPage.properties,
  totals: Type.Object(Sums, { description: 'over every group, not only this page' }),
});

const sums = (s: BreakdownSums) => ({
  grants: s.grants,
  committed: formatYuan(s.committed),
  paid: formatYuan(s.paid),
  clawedBack: formatYuan(s.clawed_back),
});

/** 资金方看板: a programme's grants by product, class, district or enterprise. */
export const subsidyBreakdownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, regions } = app.kebao;

  app.get(
    '/api/subsidy/programmes/:code/breakdown',
    {
      config: { access: Permission.SubsidyRead },
      schema: {
        tags,
        summary:
          'A programme’s grants by product, statistical class, district or enterprise (its funder, subsidy.read_all)',
        description:
          'Rows ordered by committed (granted net of claw-backs) descending, then key. The grants counted are the ' +
          'ones the programme’s committed counts — reserved, confirmed, applied, submitted, returned, approved — and ' +
          'revoked ones (clawed back in full); so the totals equal the programme’s committed and paid. Only the ' +
          'funder operating the programme and holders of subsidy.read_all see it; to others it does not exist (404).',
        params: Type.Object(
          { code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{2,47}$' }) },
          { additionalProperties: false },
        ),
        querystring: Type.Object(
          {
            by: Type.Optional(Type.Enum([...BREAKDOWN_DIMENSIONS], { default: 'product' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: BreakdownView, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { by = 'product', limit = 50, offset = 0 } = request.query;
      const programme = await breakdownProgramme(pool, request.actor, request.params.code);
      if (!programme) throw problem('subsidy.programme_not_found');
      const { rows, groups, totals } = await programmeBreakdown(
        pool,
        programme.code,
        by,
        { limit, offset },
        regions.index,
      );
      return {
        programme: { code: programme.code, name: programme.name_zh },
        by,
        items: rows.map((r) => ({
          key: r.key,
          label: r.label_zh,
          labelEn: r.label_en,
          uscc: r.uscc,
          ...sums(r),
          share: ratioText(r.committed, totals.committed),
        })),
        total: groups,
        limit,
        offset,
        totals: sums(totals),
      };
    },
  );
};
