import { App, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { pick } from '../../i18n/labels.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import { isMoneyTarget, type TargetFormValues, targetBody } from '../../monitor/targets.ts';
import type { TargetView } from '../../monitor/types.ts';

interface Values extends TargetFormValues {
  code: string;
}

function valuesOf(target: TargetView): Values {
  return {
    code: target.code,
    target: target.target,
    dueYear: target.dueYear,
    reported: target.source === 'reported' ? (target.current ?? '') : undefined,
  };
}

/**
 * 调整目标 (monitor.manage): one zone target at a time — its value, its year, and for insurance funds
 * introduced, the figure the zone reports (the platform cannot derive it).
 */
export function TargetsModal({
  targets,
  onClose,
  onSaved,
}: {
  targets: TargetView[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const code = Form.useWatch('code', form);
  const chosen = targets.find((x) => x.code === code) ?? targets[0];

  // Choosing another target shows its own figures.
  useEffect(() => {
    const target = targets.find((x) => x.code === code);
    if (target) form.setFieldsValue(valuesOf(target));
  }, [code, targets, form]);

  const submit = useFormSubmit(form, ['target', 'dueYear', 'reported'], async (values) => {
    const target = targets.find((x) => x.code === values.code);
    if (!target) return;
    const checked = targetBody(target.metric, target.source, values);
    if (!checked.ok) {
      const text = {
        target: t('cockpit.targetInvalid'),
        dueYear: t('cockpit.dueYearInvalid'),
        reported: t('cockpit.reportedInvalid'),
      }[checked.field];
      form.setFields([{ name: checked.field, errors: [text] }]);
      return;
    }
    await unwrap(
      api.PUT('/api/monitor/targets/{code}', { params: { path: { code: target.code } }, body: checked.body }),
    );
    void message.success(t('cockpit.targetSaved'));
    onSaved();
  });

  if (!chosen) return null;
  return (
    <FormModal<Values>
      title={t('cockpit.targetsTitle')}
      okText={t('common.save')}
      testIdPrefix="cockpit-target"
      form={form}
      submit={submit}
      onClose={onClose}
      initialValues={valuesOf(chosen)}
    >
      <Form.Item name="code" label={t('cockpit.targets')}>
        <Select
          options={targets.map((x) => ({ value: x.code, label: pick(x.names, language) }))}
          data-testid="cockpit-target-code"
        />
      </Form.Item>
      <Form.Item
        name="target"
        label={isMoneyTarget(chosen.metric) ? t('cockpit.targetValueMoney') : t('cockpit.targetValue')}
        rules={[{ required: true, message: t('cockpit.targetInvalid') }]}
      >
        <Input
          inputMode="decimal"
          suffix={language === 'en' || isMoneyTarget(chosen.metric) ? undefined : chosen.unit}
          data-testid="cockpit-target-value"
        />
      </Form.Item>
      <Form.Item
        name="dueYear"
        label={t('cockpit.dueYear')}
        rules={[{ required: true, message: t('cockpit.dueYearInvalid') }]}
      >
        <InputNumber
          min={2020}
          max={2100}
          precision={0}
          style={{ width: 160 }}
          data-testid="cockpit-target-year"
        />
      </Form.Item>
      {chosen.source === 'reported' ? (
        <Form.Item name="reported" label={t('cockpit.reportedValue')}>
          <Input inputMode="decimal" data-testid="cockpit-target-reported" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
