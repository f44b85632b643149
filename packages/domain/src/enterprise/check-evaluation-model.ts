import { type DefinitionError, pointer, problem } from '../catalog/definition-error.ts';
import {
  type EvaluationModel,
  type GateDefinition,
  type HighTechModel,
  type IndicatorDefinition,
  type PointsModel,
  scoreBands,
  type TechSmeModel,
} from './evaluation-model.ts';
import { addRatios, compareRatios, decimalRatio, type Ratio, whole, ZERO } from './exact-ratio.ts';
import { enterpriseStages } from './profile.ts';

/**
 * The checks JSON Schema cannot express, on a model of the right shape (codes `evaluation.*`). A model that
 * passes compiles and evaluates every profile without a further error: bands are ordered so the first one
 * reached is the right one, points fit their indicator, weights add up to one, every score has a band.
 */
export function checkEvaluationModel(model: EvaluationModel): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const keys = new Set<string>();
  const indicators = (list: readonly IndicatorDefinition[], path: string) => {
    list.forEach((indicator, index) => {
      checkIndicator(indicator, pointer(path, index), keys, errors);
    });
  };
  const gates = (list: readonly GateDefinition[], path: string) => {
    list.forEach((gate, index) => {
      checkGate(gate, pointer(path, index), keys, errors);
    });
  };
  if (model.kind === 'tech_sme') {
    gates(model.gates, '/gates');
    indicators(model.indicators, '/indicators');
    checkTechSme(model, errors);
  } else if (model.kind === 'high_tech') {
    if (!claimKey(model.rdIntensity.key, keys))
      errors.push(duplicate('/rdIntensity/key', model.rdIntensity.key));
    gates(model.criteria, '/criteria');
    indicators(model.innovation.indicators, '/innovation/indicators');
    checkHighTech(model, errors);
  } else {
    model.groups.forEach((group, index) => {
      if (!claimKey(group.key, keys)) errors.push(duplicate(pointer('/groups', index, 'key'), group.key));
      indicators(group.indicators, pointer('/groups', index, 'indicators'));
    });
    checkPoints(model, errors);
  }
  return errors;
}

function claimKey(key: string, keys: Set<string>): boolean {
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

const duplicate = (path: string, key: string) =>
  problem(path, 'evaluation.duplicate_key', `键 ${key} 重复`, `the key ${key} is used twice`);

function checkIndicator(
  indicator: IndicatorDefinition,
  path: string,
  keys: Set<string>,
  errors: DefinitionError[],
) {
  if (!claimKey(indicator.key, keys)) errors.push(duplicate(pointer(path, 'key'), indicator.key));
  const max = decimalRatio(indicator.max);
  if (compareRatios(max, ZERO) <= 0)
    errors.push(
      problem(pointer(path, 'max'), 'evaluation.max', '满分应大于 0', 'the maximum must be above 0'),
    );
  indicator.parts.forEach((part, partIndex) => {
    let previous: Ratio | undefined;
    part.bands.forEach((band, bandIndex) => {
      const at = pointer(path, 'parts', partIndex, 'bands', bandIndex);
      const edge = band.from ?? band.above;
      if ((band.from === undefined) === (band.above === undefined) || edge === undefined) {
        errors.push(
          problem(
            at,
            'evaluation.band_edge',
            '每档须且只能有 from 或 above 之一',
            'a band needs exactly one of from and above',
          ),
        );
        return;
      }
      const threshold = decimalRatio(edge);
      if (previous !== undefined && compareRatios(threshold, previous) >= 0)
        errors.push(
          problem(
            at,
            'evaluation.band_order',
            '各档应从高到低排列，下限严格递减',
            'bands go best first, with strictly falling edges',
          ),
        );
      previous = threshold;
      const points = decimalRatio(band.points);
      if (compareRatios(points, ZERO) < 0 || compareRatios(points, max) > 0)
        errors.push(
          problem(
            pointer(at, 'points'),
            'evaluation.band_points',
            `得分应在 0 至 ${indicator.max} 之间`,
            `points must lie between 0 and ${indicator.max}`,
          ),
        );
    });
  });
}

function checkGate(gate: GateDefinition, path: string, keys: Set<string>, errors: DefinitionError[]) {
  if (!claimKey(gate.key, keys)) errors.push(duplicate(pointer(path, 'key'), gate.key));
  if ((gate.atMost === undefined) === (gate.atLeast === undefined))
    errors.push(
      problem(
        path,
        'evaluation.gate_limit',
        '门槛须且只能有 atMost 或 atLeast 之一',
        'a gate needs exactly one of atMost and atLeast',
      ),
    );
}

const sumOfMax = (list: readonly IndicatorDefinition[]) =>
  list.reduce((total, indicator) => addRatios(total, decimalRatio(indicator.max)), ZERO);

function checkTechSme(model: TechSmeModel, errors: DefinitionError[]) {
  const known = new Set(model.indicators.map((indicator) => indicator.key));
  model.qualification.nonZero.forEach((key, index) => {
    if (!known.has(key))
      errors.push(
        problem(
          pointer('/qualification/nonZero', index),
          'evaluation.unknown_indicator',
          `没有名为 ${key} 的指标`,
          `there is no indicator ${key}`,
        ),
      );
  });
  if (compareRatios(decimalRatio(model.qualification.minScore), sumOfMax(model.indicators)) > 0)
    errors.push(
      problem(
        '/qualification/minScore',
        'evaluation.unreachable',
        '合格分高于各指标满分之和',
        'the pass mark is above the sum of the maxima',
      ),
    );
}

function checkHighTech(model: HighTechModel, errors: DefinitionError[]) {
  const floors = model.rdIntensity.floors;
  let previous: Ratio | undefined;
  floors.forEach((floor, index) => {
    const at = pointer('/rdIntensity/floors', index);
    const last = index === floors.length - 1;
    if (last !== (floor.revenueUpTo === undefined)) {
      errors.push(
        problem(
          at,
          'evaluation.floor_order',
          '除最后一档外，每档须有 revenueUpTo；最后一档不设上限',
          'every floor but the last needs revenueUpTo; the last has none',
        ),
      );
      return;
    }
    if (floor.revenueUpTo === undefined) return;
    const upTo = decimalRatio(floor.revenueUpTo);
    if (previous !== undefined && compareRatios(upTo, previous) <= 0)
      errors.push(
        problem(
          pointer(at, 'revenueUpTo'),
          'evaluation.floor_order',
          '营业收入上限应严格递增',
          'revenue edges must rise strictly',
        ),
      );
    previous = upTo;
  });
  if (compareRatios(decimalRatio(model.innovation.above), sumOfMax(model.innovation.indicators)) >= 0)
    errors.push(
      problem(
        '/innovation/above',
        'evaluation.unreachable',
        '合格分不低于各指标满分之和，无法超过',
        'the pass mark cannot be exceeded by the sum of the maxima',
      ),
    );
}

function checkPoints(model: PointsModel, errors: DefinitionError[]) {
  for (const stage of enterpriseStages) {
    const total = model.groups.reduce(
      (sum, group) => addRatios(sum, decimalRatio(group.weights[stage])),
      ZERO,
    );
    if (compareRatios(total, whole(1)) !== 0)
      errors.push(
        problem(
          '/groups',
          'evaluation.weights',
          `${stage} 阶段各组权重之和应为 1`,
          `the group weights of the ${stage} stage must add up to 1`,
        ),
      );
  }
  model.groups.forEach((group, index) => {
    for (const stage of enterpriseStages)
      if (compareRatios(decimalRatio(group.weights[stage]), ZERO) < 0)
        errors.push(
          problem(
            pointer('/groups', index, 'weights', stage),
            'evaluation.weights',
            '权重不能为负',
            'a weight cannot be negative',
          ),
        );
  });
  let previous: { rank: number; from: Ratio } | undefined;
  model.scoreBands.forEach((entry, index) => {
    const rank = scoreBands.indexOf(entry.band);
    const from = decimalRatio(entry.from);
    if (previous !== undefined && (rank <= previous.rank || compareRatios(from, previous.from) >= 0))
      errors.push(
        problem(
          pointer('/scoreBands', index),
          'evaluation.band_order',
          '分档应按 A、B、C、D 顺序，下限严格递减',
          'score bands go A, B, C, D with strictly falling edges',
        ),
      );
    previous = { rank, from };
  });
  const lowest = model.scoreBands.at(-1);
  if (lowest !== undefined && compareRatios(decimalRatio(lowest.from), ZERO) > 0)
    errors.push(
      problem(
        '/scoreBands',
        'evaluation.band_coverage',
        '最低一档下限应为 0，使每个得分都有分档',
        'the lowest band must start at 0 so every score has a band',
      ),
    );
}
