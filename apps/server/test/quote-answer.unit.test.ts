import { readdirSync, readFileSync } from 'node:fs';
import { compileProduct, type ProductDefinition, validateDefinition } from '@kebao/domain/catalog';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PreviewAnswer } from '../src/modules/quote/schemas.ts';
import { previewAnswer } from '../src/modules/quote/service.ts';

const productsDir = new URL('../../../catalog/products/', import.meta.url);

function shipped(): ProductDefinition[] {
  return readdirSync(productsDir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const result = validateDefinition(parse(readFileSync(new URL(f, productsDir), 'utf8')));
      if (!result.ok) throw new Error(`${f}: ${JSON.stringify(result.errors)}`);
      return result.definition;
    });
}

/** Every option at its first choice, its minimum or false: enough for most products to price. */
function options(definition: ProductDefinition): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const option of definition.options) {
    if (option.choices) out[option.key] = option.choices[0] as string;
    else if (option.type === 'boolean') out[option.key] = true;
    else if (option.min !== undefined) out[option.key] = option.min;
  }
  return out;
}

const enterprises = {
  'a priced maker': {
    scoreBand: 'B',
    creditGrade: 'A',
    trl: 8,
    claimsLast3Years: 1,
    dishonest: false,
    staff: 300,
    techStaff: 80,
    revenue: '250000000.00',
    totalAssets: '400000000.00',
    rdExpense: '30000000.00',
    yearsInOperation: 6,
    techScore: '72.5',
    industry: 'C35',
    region: '310115',
    catalogueListings: ['first_set_equipment', 'first_batch_material', 'first_version_software'],
    qualifications: ['high_tech', 'specialised_sme'],
  },
  'a declined one': { scoreBand: 'D', creditGrade: 'D', trl: 3, claimsLast3Years: 5, dishonest: true },
  'nothing known': {},
};

const request = (definition: ProductDefinition) => ({
  sumInsured: '5000000.00',
  contractValue: '8000000.00',
  loanPrincipal: '3000000.00',
  loanInterest: '150000.00',
  headcount: 40,
  limit: '2000000.00',
  startDate: '2026-03-01',
  termDays: 200,
  continuousYear: 1,
  retroactiveDate: '2025-01-01',
  options: options(definition),
});

describe('the quote preview answer', () => {
  it('is written by JSON.stringify exactly as the schema serializer writes it, for every shipped product', async () => {
    // The schema's own serializer (fast-json-stringify, through Fastify as the server configures it).
    const app = Fastify();
    const answers: unknown[] = [];
    app.get<{ Params: { i: string } }>(
      '/answer/:i',
      { schema: { response: { 200: PreviewAnswer } } },
      async (req) => answers[Number(req.params.i)],
    );
    await app.ready();

    const outcomes = new Map<string, number>();
    let priced = 0;
    let steps = 0;
    for (const definition of shipped()) {
      const quote = compileProduct(definition);
      for (const [name, enterprise] of Object.entries(enterprises)) {
        const result = quote({ enterprise, request: request(definition) });
        if (result.inputErrors.length > 0)
          throw new Error(`${definition.code} ${name}: ${JSON.stringify(result.inputErrors)}`);
        const answer = previewAnswer(
          definition,
          { code: definition.code, version: definition.version, status: 'filed' },
          result,
        );
        answers.push(answer);
        const res = await app.inject({ method: 'GET', url: `/answer/${answers.length - 1}` });
        expect(res.statusCode).toBe(200);
        expect(JSON.stringify(answer), `${definition.code}, ${name}`).toBe(res.body);
        outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
        if (answer.rating) {
          priced++;
          steps += answer.rating.breakdown.length;
        }
      }
    }
    await app.close();
    // The comparison covered every kind of answer, priced ones with their breakdown included.
    for (const outcome of ['accept', 'ineligible', 'needs_information'])
      expect(outcomes.get(outcome), outcome).toBeGreaterThan(0);
    expect(priced).toBeGreaterThanOrEqual(5);
    expect(steps).toBeGreaterThan(priced * 5);
  });
});
