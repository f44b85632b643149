import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { regionLevels } from '@kebao/domain/region';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';

const tags = ['regions'];

const RegionView = Type.Object({
  code: Type.String({ description: 'GB/T 2260 code, 6 digits' }),
  level: Type.String({
    enum: [...regionLevels],
    description: 'province 省级 (XX0000) · prefecture 地级 (XXYY00) · county 县级',
  }),
  parent: Nullable(
    Type.String({
      description:
        'the code of the region it belongs to (a province for a prefecture; a prefecture, or the province where none stands between, for a county); null for a province',
    }),
  ),
  names: Type.Object({ zh: Type.String(), en: Type.String() }),
});

const RegionsView = Type.Object({
  source: Type.String({ description: 'the Ministry of Civil Affairs list the codes and names follow' }),
  edition: Type.Integer({ description: 'the year of that list' }),
  items: Type.Array(RegionView, { description: 'in code order' }),
});

/** The region code list (行政区划代码): public, as the national standard it follows. */
export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { list } = app.kebao.regions;
  // The list is fixed for the life of the process: the answer is built once.
  const answer = {
    source: list.source,
    edition: list.edition,
    items: list.regions.map((r) => ({
      code: r.code,
      level: r.level,
      parent: r.parent ?? null,
      names: r.names,
    })),
  };

  app.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The administrative region codes (GB/T 2260) the platform names, with their names',
        description:
          'The shipped list (catalog/regions/cn-regions.yaml): every province, the prefecture-level cities and ' +
          'districts the platform uses, every district of Shanghai and Wuhan. Not the whole national list: ' +
          'a code not in it has no name here and is shown as the code. A county’s full name runs through its ' +
          'parents (420111 → 湖北省武汉市洪山区).',
        response: { 200: RegionsView },
      },
    },
    async () => answer,
  );
};
