import { App, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { useApiData } from '../../api/useApiData.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { trimDecimal } from '../../format/decimal.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { type LineValues, lineBody } from '../../policy/forms.ts';
import type { PlacementLine, PlacementView } from '../../policy/types.ts';

/** A share in percent as the API takes it: 0–100, at most four decimals. */
const percentPattern = /^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/;

/**
 * 签写份额: the insurer's own line, written on the board's terms exactly as they stand (the server refuses a
 * line on other terms: the five sames), optionally to stand (not signed down at close).
 */
export function WriteLineModal({
  placement,
  mine,
  onClose,
  onSaved,
}: {
  placement: PlacementView;
  mine: PlacementLine | undefined;
  onClose: () => void;
  onSaved: (board: PlacementView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LineValues>();
  const submit = useFormSubmit(form, ['written', 'toStand', 'comment'], async (values) => {
    const board = await unwrap(
      api.PUT('/api/placements/{id}/lines/mine', {
        params: { path: { id: placement.id } },
        body: lineBody(values, placement.terms),
      }),
    );
    void message.success(t('board.lineSaved'));
    onSaved(board);
  });
  return (
    <FormModal<LineValues>
      title={t('board.writeTitle')}
      okText={t('board.write')}
      testIdPrefix="line"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={{
        written: mine?.written ? trimDecimal(mine.written, 4) : '',
        toStand: mine?.toStand ?? false,
        comment: mine?.comment ?? '',
      }}
    >
      <Typography.Paragraph type="secondary">{t('board.writeTermsHint')}</Typography.Paragraph>
      <Form.Item
        name="written"
        label={t('board.writtenLabel')}
        rules={[
          { required: true, whitespace: true, message: t('board.writtenRequired') },
          { pattern: percentPattern, message: t('board.writtenPattern') },
        ]}
      >
        <Input suffix="%" inputMode="decimal" maxLength={8} data-testid="line-written" />
      </Form.Item>
      <Form.Item name="toStand" valuePropName="checked">
        <Checkbox data-testid="line-to-stand">{t('board.toStandLabel')}</Checkbox>
      </Form.Item>
      <Form.Item name="comment" label={t('board.comment')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="line-comment" />
      </Form.Item>
    </FormModal>
  );
}

interface InviteValues {
  orgIds: string[];
}

/** 邀请共保人: other insurers of the platform, not yet on the slip. */
export function InviteModal({
  placement,
  onClose,
  onSaved,
}: {
  placement: PlacementView;
  onClose: () => void;
  onSaved: (board: PlacementView) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const insurers = useApiData('insurers', () => unwrap(api.GET('/api/insurers')));
  const onSlip = new Set(placement.lines.map((l) => l.orgId));
  const options = (insurers.data ?? [])
    .filter((i) => !onSlip.has(i.id) && i.id !== placement.lead.id)
    .map((i) => ({ value: i.id, label: language === 'en' && i.nameEn ? i.nameEn : i.name }));
  const submit = useFormSubmit(form, ['orgIds'], async (values) => {
    const board = await unwrap(
      api.POST('/api/placements/{id}/invitations', {
        params: { path: { id: placement.id } },
        body: { orgIds: values.orgIds },
      }),
    );
    void message.success(t('board.invited', { count: values.orgIds.length }));
    onSaved(board);
  });
  return (
    <FormModal<InviteValues>
      title={t('board.inviteTitle')}
      okText={t('board.invite')}
      testIdPrefix="invite"
      form={form}
      submit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="orgIds"
        label={t('board.invitees')}
        rules={[{ required: true, message: t('board.inviteesRequired') }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={insurers.loading}
          options={options}
          notFoundContent={insurers.loading ? undefined : t('board.noInvitees')}
          data-testid="invite-insurers"
        />
      </Form.Item>
    </FormModal>
  );
}
