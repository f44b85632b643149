import type { EnterpriseProfile } from '@kebao/domain/enterprise';
import { App, Button, Card, Col, Flex, Form, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { SaveAnswer } from '../../api/types.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMappedFormSubmit } from '../../components/useFormSubmit.ts';
import {
  type ListKey,
  listItemFields,
  profileFieldOfPath,
  profileSections,
  type ScalarField,
} from '../../enterprise/profileFields.ts';
import { type ProfileFormValues, profileOfValues, valuesOfProfile } from '../../enterprise/profileForm.ts';
import { itemInput, requiredItemFields, scalarInput, useRules } from './ProfileInputs.tsx';

function ScalarItem({ field, locked }: { field: ScalarField; locked: boolean }) {
  const { t } = useTranslation();
  const rules = useRules();
  const upper = field.kind === 'uscc' || field.kind === 'industry';
  return (
    <Form.Item
      name={field.key}
      label={t(`enterprise.fields.${field.key}`)}
      rules={rules(field)}
      valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}
      normalize={upper ? (value?: string) => value?.toUpperCase() : undefined}
      extra={
        field.kind === 'ratio'
          ? t('enterprise.ratioHint')
          : field.key === 'consentToInsurers'
            ? t('enterprise.consentHint')
            : undefined
      }
    >
      {scalarInput(t, field, locked)}
    </Form.Item>
  );
}

function ListItems({ list }: { list: ListKey }) {
  const { t } = useTranslation();
  const fields: readonly string[] = listItemFields[list];
  const labels: Record<string, Record<string, string>> = t('enterprise.items', { returnObjects: true });
  return (
    <Form.List name={list}>
      {(items, { add, remove }) => (
        <Flex vertical gap="small">
          {items.map((item) => (
            <Flex key={item.key} gap="small" align="flex-start" wrap data-testid={`profile-item-${list}`}>
              {fields.map((field) => (
                <Form.Item
                  key={field}
                  name={[item.name, field]}
                  label={labels[list]?.[field] ?? field}
                  rules={
                    requiredItemFields.has(`${list}.${field}`)
                      ? [{ required: true, message: t('enterprise.itemRequired') }]
                      : []
                  }
                  style={{ minWidth: 180, flex: 1, marginBottom: 8 }}
                >
                  {itemInput(t, list, field)}
                </Form.Item>
              ))}
              <Button danger type="link" onClick={() => remove(item.name)} style={{ marginTop: 30 }}>
                {t('enterprise.removeItem')}
              </Button>
            </Flex>
          ))}
          <Button type="dashed" onClick={() => add()} data-testid={`profile-add-${list}`}>
            {t(`enterprise.add.${list}`)}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

interface ProfileFormProps {
  /** The current profile, or null for a first one. */
  profile: EnterpriseProfile | null;
  /** The organisation's names (and code, when known) to start a first profile with. */
  start: ProfileFormValues;
  onSaved: (answer: SaveAnswer) => void;
  onCancel?: () => void;
}

/**
 * The enterprise's own profile, section by section. The server checks the whole document and answers
 * every problem with its pointer (`/body/profile/qualifications/0/validTo`); each lands under its field.
 */
export function ProfileForm({ profile, start, onSaved, onCancel }: ProfileFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileFormValues>();
  const submit = useMappedFormSubmit(form, profileFieldOfPath, async (values) => {
    const answer = await unwrap(
      api.PUT('/api/enterprise/me/profile', { body: { profile: profileOfValues(values) } }),
    );
    void message.success(
      answer.action === 'unchanged'
        ? t('enterprise.savedUnchanged')
        : t('enterprise.savedNew', { version: answer.version }),
    );
    onSaved(answer);
  });
  // The code is the one the organisation is registered with; once stored it cannot change here.
  const locked = Boolean(profile?.uscc ?? start.uscc);

  return (
    <Form<ProfileFormValues>
      form={form}
      layout="vertical"
      initialValues={valuesOfProfile(profile, start)}
      onFinish={submit.onFinish}
      data-testid="profile-form"
      scrollToFirstError
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('enterprise.editHint')}</Typography.Text>
        <ProblemAlert error={submit.error} />
        {profileSections.map((section) => (
          <Card key={section.key} size="small" title={t(`enterprise.sections.${section.key}`)}>
            {'fields' in section ? (
              <Row gutter={16}>
                {section.fields.map((field) => (
                  <Col key={field.key} xs={24} md={12} xl={8}>
                    <ScalarItem field={field} locked={locked} />
                  </Col>
                ))}
              </Row>
            ) : (
              <ListItems list={section.list} />
            )}
          </Card>
        ))}
        <Flex gap="small" justify="flex-end">
          {onCancel ? (
            <Button onClick={onCancel} data-testid="profile-cancel">
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="primary" htmlType="submit" loading={submit.submitting} data-testid="profile-save">
            {t('enterprise.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
