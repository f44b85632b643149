import { usccProblem } from '@kebao/domain/org';
import { type FormRule, Input, InputNumber, Select, Switch } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListKey, ScalarField } from '../../enterprise/profileFields.ts';
import {
  enterpriseStages,
  frontierTags,
  listingKinds,
  qualificationKinds,
} from '../../enterprise/vocabulary.ts';
import { normaliseYuan } from '../../format/money.ts';
import { industryPattern, regionPattern } from './registryFilters.ts';

/* The profile form's inputs and their checks, by the kind of field (profileFields.ts). */

const ratioPattern = /^(0|[1-9]\d{0,15})(\.\d{1,10})?$/;

export function useRules(): (field: ScalarField) => FormRule[] {
  const { t } = useTranslation();
  return (field) => {
    switch (field.kind) {
      case 'uscc':
        return [
          { required: true, whitespace: true, message: t('enterprise.usccRequired') },
          {
            validator: async (_, value: string | undefined) => {
              const code = value?.trim();
              const problem = code ? usccProblem(code) : null;
              if (problem) throw new Error(t(`orgs.usccProblems.${problem}`));
            },
          },
        ];
      case 'money':
        return [
          {
            validator: async (_, value: unknown) => {
              if (typeof value === 'string' && value.trim() && normaliseYuan(value) === null)
                throw new Error(t('enterprise.moneyInvalid'));
            },
          },
        ];
      case 'region':
        return [{ pattern: regionPattern, message: t('enterprise.regionInvalid') }];
      case 'industry':
        return [{ pattern: industryPattern, message: t('enterprise.industryInvalid') }];
      case 'ratio':
        return [{ pattern: ratioPattern, message: t('enterprise.ratioInvalid') }];
      default:
        return field.required
          ? [{ required: true, whitespace: true, message: t('enterprise.nameRequired') }]
          : [];
    }
  };
}

/**
 * The input of a field. A function, not a component: Form.Item hands its value and onChange to its direct
 * child, which must be the input itself.
 */
export function scalarInput(t: TFunction, field: ScalarField, locked: boolean): ReactElement {
  const testId = `profile-input-${field.key}`;
  switch (field.kind) {
    case 'uscc':
      return <Input maxLength={18} disabled={locked} data-testid={testId} />;
    case 'region':
      return <Input maxLength={6} inputMode="numeric" data-testid={testId} />;
    case 'date':
      return <Input type="date" data-testid={testId} />;
    case 'stage':
      return (
        <Select
          allowClear
          placeholder={t('enterprise.choose')}
          options={enterpriseStages.map((s) => ({ value: s, label: t(`enterprise.stages.${s}`) }))}
          data-testid={testId}
        />
      );
    case 'tags':
      return (
        <Select
          mode="multiple"
          allowClear
          placeholder={t('enterprise.tagsPlaceholder')}
          optionFilterProp="label"
          options={frontierTags.map((tag) => ({ value: tag, label: t(`enterprise.frontierTags.${tag}`) }))}
          data-testid={testId}
        />
      );
    case 'count':
      return <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={testId} />;
    case 'money':
      return <Input inputMode="decimal" suffix={t('common.yuanUnit')} data-testid={testId} />;
    case 'ratio':
      return <Input inputMode="decimal" data-testid={testId} />;
    case 'boolean':
      return <Switch data-testid={testId} />;
    default:
      return <Input data-testid={testId} />;
  }
}

/** Fields every item of the list must have (the schema's required ones). */
export const requiredItemFields: ReadonlySet<string> = new Set([
  'qualifications.kind',
  'catalogueListings.kind',
  'catalogueListings.item',
  'projects.name',
  'projects.trl',
  'contacts.name',
]);

/** The input of one field of a list item; kinds, dates and TRL have their own (a function, as above). */
export function itemInput(t: TFunction, list: ListKey, field: string): ReactElement {
  const testId = `profile-item-${list}-${field}`;
  if (field === 'kind' && list === 'qualifications')
    return (
      <Select
        options={qualificationKinds.map((k) => ({
          value: k,
          label: t(`enterprise.qualificationKinds.${k}`),
        }))}
        data-testid={testId}
      />
    );
  if (field === 'kind')
    return (
      <Select
        options={listingKinds.map((k) => ({ value: k, label: t(`enterprise.listingKinds.${k}`) }))}
        data-testid={testId}
      />
    );
  if (field === 'trl')
    return <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} data-testid={testId} />;
  if (field === 'validFrom' || field === 'validTo' || field === 'listedOn')
    return <Input type="date" data-testid={testId} />;
  return <Input data-testid={testId} />;
}
