import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Select,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import { isApiError, type ProblemFieldError, problemMessage, unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { testId } from '../../components/testId.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { orgName } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { budgetBody, parseProgrammeText, programmePointer } from '../../subsidy/forms.ts';
import type { ProgrammeView } from '../../subsidy/types.ts';
import { useMoney } from '../policy/labels.tsx';
import { pointerText } from '../products/editorText.ts';

/** 调整预算 (the operating funder): never below what is already committed (the server says so with the figure). */
export function BudgetModal({
  programme,
  onClose,
  onSaved,
}: {
  programme: ProgrammeView;
  onClose: () => void;
  onSaved: (programme: ProgrammeView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const [form] = Form.useForm<{ budget: string }>();
  const submit = useFormSubmit(form, ['budget'], async ({ budget }) => {
    const saved = await unwrap(
      api.PUT('/api/subsidy/programmes/{code}/budget', {
        params: { path: { code: programme.code } },
        body: budgetBody(budget),
      }),
    );
    void message.success(t('programme.budgetSaved', { budget: money(saved.budget) }));
    onSaved(saved);
  });
  return (
    <FormModal<{ budget: string }>
      title={t('programme.budgetTitle')}
      okText={t('common.save')}
      testIdPrefix="budget"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ budget: programme.budget }}
    >
      <Typography.Paragraph type="secondary">
        {t('programme.budgetHint', { committed: money(programme.committed), paid: money(programme.paid) })}
      </Typography.Paragraph>
      <Form.Item
        name="budget"
        label={t('programme.budgetLabel')}
        rules={[
          { required: true, whitespace: true, message: t('programme.budgetRequired') },
          { pattern: /^\s*[\d,]+(\.\d{1,2})?\s*$/, message: t('programme.budgetPattern') },
        ]}
      >
        <Input inputMode="decimal" prefix="¥" autoComplete="off" data-testid="budget-amount" />
      </Form.Item>
    </FormModal>
  );
}

/** No operator: the programme applies nowhere on this platform. */
const NONE = '';

/**
 * 设置运营机构 (the platform): the government organisation that runs the programme here and pays it, or
 * none; a programme without an operator is shown but grants nothing.
 */
export function OperatorModal({
  programme,
  onClose,
  onSaved,
}: {
  programme: ProgrammeView;
  onClose: () => void;
  onSaved: (programme: ProgrammeView) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ funderOrgId: string }>();
  const orgs = useApiData('government-orgs', () =>
    unwrap(api.GET('/api/orgs', { params: { query: { kind: 'government', limit: 200 } } })),
  );
  const submit = useFormSubmit(form, ['funderOrgId'], async ({ funderOrgId }) => {
    const saved = await unwrap(
      api.PUT('/api/subsidy/programmes/{code}/operator', {
        params: { path: { code: programme.code } },
        body: { funderOrgId: funderOrgId === NONE ? null : funderOrgId },
      }),
    );
    void message.success(
      saved.funder
        ? t('programme.operatorSaved', { name: saved.funder.name })
        : t('programme.operatorCleared'),
    );
    onSaved(saved);
  });
  return (
    <FormModal<{ funderOrgId: string }>
      title={t('programme.operatorTitle')}
      okText={t('common.save')}
      testIdPrefix="operator"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{ funderOrgId: programme.funder?.id ?? NONE }}
    >
      <Typography.Paragraph type="secondary">{t('programme.operatorHint')}</Typography.Paragraph>
      {orgs.error ? <ProblemAlert error={orgs.error} onRetry={orgs.reload} /> : null}
      <Form.Item name="funderOrgId" label={t('programme.operatorLabel')}>
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          loading={orgs.loading}
          options={[
            { value: NONE, label: t('programme.operatorNone') },
            ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: orgName(o, language) })),
          ]}
          data-testid="operator-org"
        />
      </Form.Item>
    </FormModal>
  );
}

type Check =
  | { state: 'idle' }
  | { state: 'local'; message: string }
  | { state: 'server'; errors: ProblemFieldError[] };

/** The field errors of a refused publication (the definition's JSON paths), or null for another failure. */
function fieldErrorsOf(error: unknown): ProblemFieldError[] | null {
  return isApiError(error) && error.problem?.errors && error.problem.errors.length > 0
    ? error.problem.errors
    : null;
}

/** Files above this are no programme: refused before they are read. */
const MAX_JSON_BYTES = 1024 * 1024;

/**
 * 发布补贴项目 (a funder): a programme as JSON, pasted or read from a file, published under its code (a new
 * code it then operates, or a higher version of one it operates). The server's errors are listed by the
 * JSON path they are about.
 */
export function PublishModal({
  initial,
  title,
  onClose,
}: {
  initial: Record<string, unknown>;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [text, setText] = useState(() => `${JSON.stringify(initial, null, 2)}\n`);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [error, setError] = useState<unknown>();
  const [publishing, setPublishing] = useState(false);

  const publish = async () => {
    const parsed = parseProgrammeText(text);
    if (!parsed.ok) {
      setCheck({
        state: 'local',
        message:
          parsed.problem === 'syntax'
            ? t('subsidyPublish.syntax', { message: parsed.message })
            : t(`subsidyPublish.${parsed.problem}`),
      });
      return;
    }
    setCheck({ state: 'idle' });
    setError(undefined);
    setPublishing(true);
    try {
      const saved = await unwrap(
        api.PUT('/api/subsidy/programmes/{code}', {
          params: { path: { code: parsed.code } },
          body: parsed.definition,
        }),
      );
      void message.success(t('subsidyPublish.published', { code: saved.code, version: saved.version }));
      onClose();
      void navigate(`/subsidy/programmes/${saved.code}`);
    } catch (err) {
      const errors = fieldErrorsOf(err);
      if (errors) setCheck({ state: 'server', errors });
      else setError(err);
    } finally {
      setPublishing(false);
    }
  };

  const readFile = async (file: File) => {
    if (file.size > MAX_JSON_BYTES) {
      void message.error(t('subsidyPublish.fileTooLarge'));
      return;
    }
    setText(await file.text());
    setCheck({ state: 'idle' });
  };

  return (
    <Modal
      open
      width={880}
      title={title}
      okText={t('subsidyPublish.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void publish()}
      onCancel={onClose}
      confirmLoading={publishing}
      mask={{ closable: false }}
      okButtonProps={{ ...testId<ButtonProps>('publish-submit'), disabled: text.trim() === '' }}
    >
      <Flex vertical gap="middle" data-testid="publish-form">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('subsidyPublish.intro')}
        </Typography.Paragraph>
        <Flex gap="small" align="center" wrap>
          <Upload
            accept=".json,application/json"
            showUploadList={false}
            beforeUpload={(file) => {
              void readFile(file);
              return false;
            }}
          >
            <Button data-testid="publish-file">{t('subsidyPublish.upload')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('subsidyPublish.uploadHint')}</Typography.Text>
        </Flex>
        <ProblemAlert error={error} testId="publish-error" />
        {check.state === 'local' ? (
          <Alert
            type="error"
            showIcon
            title={check.message}
            data-testid="publish-errors"
            data-state="local"
          />
        ) : null}
        {check.state === 'server' ? (
          <Card
            size="small"
            title={t('subsidyPublish.errorCount', { count: check.errors.length })}
            data-testid="publish-errors"
            data-state="invalid"
          >
            <List
              size="small"
              dataSource={check.errors}
              renderItem={(e) => {
                const pointer = programmePointer(e.path);
                return (
                  <List.Item data-testid="publish-error-item" data-path={pointer}>
                    <Flex vertical>
                      <Typography.Text code>
                        {pointer ? pointerText(pointer) : t('subsidyPublish.root')}
                      </Typography.Text>
                      <Typography.Text>{problemMessage(e, language)}</Typography.Text>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          </Card>
        ) : null}
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          autoSize={{ minRows: 16, maxRows: 32 }}
          aria-label={t('subsidyPublish.textLabel')}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
          data-testid="publish-text"
        />
      </Flex>
    </Modal>
  );
}
