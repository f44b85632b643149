import { Permission } from '@kebao/domain/org';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { hasAnyPermission, useMe } from '../../auth/AuthContext.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ProblemAlert, useNotifyError } from '../../components/ProblemAlert.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { testId } from '../../components/testId.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { formatDateTime } from '../../format/datetime.ts';
import { orgName, pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type zhCN from '../../i18n/zh-CN.json';
import { useRegionNames } from '../../regions/useRegions.ts';
import { regionPrefixPattern } from '../../subsidy/forms.ts';
import type { Reviewers } from '../../subsidy/types.ts';

/*
 * 审核环节与审核单位 on an application programme's page: the stages an application goes through (区级初审,
 * 市级复审…) and, for each, the government bodies assigned to review it by the enterprise's region (a
 * region-code prefix, the longest match wins); a region with none is reviewed by the operating funder.
 * Everyone reads it; the platform assigns and removes reviewers.
 */

type Stage = Reviewers['stages'][number];
type Assignment = Reviewers['reviewers'][number];

type Word = keyof (typeof zhCN)['reviewers'];
type Say = (word: Word, vars?: Record<string, string | number>) => string;

/** The card's words (i18n `reviewers.*`) in the current language. */
function useWords(): Say {
  const { t } = useTranslation();
  return useCallback((word, vars = {}) => t(`reviewers.${word}`, vars), [t]);
}

interface AssignValues {
  stage: string;
  regionPrefix: string;
  funderOrgId: string;
}

/** 指定审核单位 (the platform): a government body reviews a stage for a region (replacing any before it). */
function AssignModal({
  code,
  stages,
  onClose,
  onSaved,
}: {
  code: string;
  stages: readonly Stage[];
  onClose: () => void;
  onSaved: (view: Reviewers) => void;
}) {
  const say = useWords();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssignValues>();
  const regions = useRegionNames();
  const typedPrefix = (Form.useWatch('regionPrefix', form) ?? '').trim();
  const typedRegion = typedPrefix === '' ? null : regions.prefix(typedPrefix);
  const orgs = useApiData('government-orgs', () =>
    unwrap(api.GET('/api/orgs', { params: { query: { kind: 'government', limit: 200 } } })),
  );
  const submit = useFormSubmit(
    form,
    ['stage', 'regionPrefix', 'funderOrgId'],
    async ({ stage, regionPrefix, funderOrgId }) => {
      const region = regionPrefix.trim();
      const saved = await unwrap(
        api.PUT('/api/subsidy/programmes/{code}/reviewers', {
          params: { path: { code } },
          body: { stage, regionPrefix: region, funderOrgId },
        }),
      );
      const org = orgs.data?.items.find((o) => o.id === funderOrgId);
      const names = stages.find((s) => s.key === stage)?.names;
      void message.success(
        say('saved', {
          name: org ? orgName(org, language) : funderOrgId,
          stage: names ? pick(names, language) : stage,
          region: region === '' ? say('everywhere') : (regions.prefix(region) ?? region),
        }),
      );
      onSaved(saved);
    },
  );
  return (
    <FormModal<AssignValues>
      title={say('assign')}
      okText={say('assign')}
      testIdPrefix="reviewer-form"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ stage: stages[0]?.key ?? '', regionPrefix: '' }}
    >
      <Typography.Paragraph type="secondary">{say('assignHint')}</Typography.Paragraph>
      {orgs.error ? <ProblemAlert error={orgs.error} onRetry={orgs.reload} /> : null}
      <Form.Item
        name="stage"
        label={say('stage')}
        rules={[{ required: true, message: say('stageRequired') }]}
      >
        <Select<string>
          options={stages.map((s, i) => ({
            value: s.key,
            label: `${say('stageIndex', { index: i + 1 })} · ${pick(s.names, language)}`,
          }))}
          data-testid="reviewer-form-stage"
        />
      </Form.Item>
      <Form.Item
        name="regionPrefix"
        label={say('regionLabel')}
        extra={
          <>
            {typedRegion ? <div data-testid="reviewer-form-region-name">{typedRegion}</div> : null}
            {say('regionPattern')}
          </>
        }
        rules={[{ pattern: regionPrefixPattern, message: say('regionInvalid') }]}
      >
        <Input
          maxLength={6}
          inputMode="numeric"
          autoComplete="off"
          placeholder={say('everywhere')}
          data-testid="reviewer-form-region"
        />
      </Form.Item>
      <Form.Item
        name="funderOrgId"
        label={say('org')}
        rules={[{ required: true, message: say('orgRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          loading={orgs.loading}
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: orgName(o, language) }))}
          data-testid="reviewer-form-org"
        />
      </Form.Item>
    </FormModal>
  );
}

/** One assignment: the region it covers and the body reviewing; the platform may remove it. */
function AssignmentLine({
  code,
  assignment,
  platform,
  onSaved,
}: {
  code: string;
  assignment: Assignment;
  platform: boolean;
  onSaved: (view: Reviewers) => void;
}) {
  const say = useWords();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      const saved = await unwrap(
        api.PUT('/api/subsidy/programmes/{code}/reviewers', {
          params: { path: { code } },
          body: { stage: assignment.stage, regionPrefix: assignment.regionPrefix, funderOrgId: null },
        }),
      );
      void message.success(say('removed'));
      onSaved(saved);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex
      gap="small"
      align="center"
      wrap
      data-testid="reviewer-assignment"
      data-region={assignment.regionPrefix}
    >
      <Tag data-testid="reviewer-region">
        {assignment.regionPrefix === '' ? (
          say('everywhere')
        ) : (
          <RegionName code={assignment.regionPrefix} prefix />
        )}
      </Tag>
      <span data-testid="reviewer-name">{assignment.reviewer.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {say('assignedAt')} {formatDateTime(assignment.assignedAt)}
      </Typography.Text>
      {platform ? (
        <Popconfirm
          title={say('removeConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={testId<ButtonProps>('reviewer-remove-ok')}
          onConfirm={() => void remove()}
        >
          <Button size="small" type="link" danger loading={busy} data-testid="reviewer-remove">
            {say('remove')}
          </Button>
        </Popconfirm>
      ) : null}
    </Flex>
  );
}

/**
 * The review stages of an application programme and who reviews each, by region; platform admins assign
 * and remove reviewers.
 */
export function ReviewersCard({
  code,
  operator,
}: {
  code: string;
  /** The funder operating the programme, which reviews where nobody is assigned; null when none. */
  operator: { id: string; name: string } | null;
}) {
  const say = useWords();
  const language = useLanguage();
  const me = useMe();
  const platform = hasAnyPermission(me, [Permission.OrgManage]);
  const loaded = useApiData(`programme-reviewers:${code}`, () =>
    unwrap(api.GET('/api/subsidy/programmes/{code}/reviewers', { params: { path: { code } } })),
  );
  const [answered, setAnswered] = useState<Reviewers | null>(null);
  const [assigning, setAssigning] = useState(false);
  const data = answered ?? loaded.data;
  const saved = (view: Reviewers) => {
    setAssigning(false);
    setAnswered(view);
  };
  const rows = (data?.stages ?? []).map((stage, index) => ({ ...stage, index }));
  const assignmentsOf = (stage: string) =>
    [...(data?.reviewers ?? [])]
      .filter((r) => r.stage === stage)
      .sort((a, b) => a.regionPrefix.localeCompare(b.regionPrefix));

  return (
    <Card
      size="small"
      title={say('title')}
      extra={
        platform && data ? (
          <Button size="small" onClick={() => setAssigning(true)} data-testid="reviewer-assign">
            {say('assign')}
          </Button>
        ) : null
      }
      data-testid="reviewers-card"
    >
      <Typography.Paragraph type="secondary">{say('intro')}</Typography.Paragraph>
      {loaded.error && !data ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : (
        <Table<Stage & { index: number }>
          rowKey="key"
          size="small"
          loading={loaded.loading && !data}
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          data-testid="reviewers-table"
          onRow={(s) => ({ 'data-stage': s.key }) as HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'stage',
              title: say('stage'),
              render: (_, s) => (
                <Flex vertical gap={0}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {say('stageIndex', { index: s.index + 1 })}
                  </Typography.Text>
                  <Typography.Text strong data-testid="reviewers-stage-name">
                    {pick(s.names, language)}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              key: 'reviewers',
              title: say('reviewer'),
              render: (_, s) => {
                const assigned = assignmentsOf(s.key);
                return (
                  <Flex vertical gap={4}>
                    {assigned.map((a) => (
                      <AssignmentLine
                        key={a.regionPrefix}
                        code={code}
                        assignment={a}
                        platform={platform}
                        onSaved={saved}
                      />
                    ))}
                    {assigned.some((a) => a.regionPrefix === '') ? null : (
                      <Typography.Text type="secondary" data-testid="reviewers-operator">
                        {operator ? say('byOperator', { name: operator.name }) : say('byOperatorNone')}
                      </Typography.Text>
                    )}
                  </Flex>
                );
              },
            },
          ]}
        />
      )}
      {assigning && data ? (
        <AssignModal code={code} stages={data.stages} onClose={() => setAssigning(false)} onSaved={saved} />
      ) : null}
    </Card>
  );
}
