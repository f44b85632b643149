import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthContext.tsx';
import { safeNextPath } from '../auth/nextPath.ts';
import type { LoginLocationState } from '../auth/RequireAuth.tsx';
import { applyFieldErrors } from '../components/formErrors.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { useLanguage } from '../i18n/useLanguage.ts';

interface LoginValues {
  email: string;
  password: string;
}

function wasExpired(state: unknown): boolean {
  return typeof state === 'object' && state !== null && (state as LoginLocationState).expired === true;
}

export function LoginPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { state, login } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  const { token } = theme.useToken();
  const [form] = Form.useForm<LoginValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>();

  // Signed in (now or already): on to where the user was going.
  if (state.status === 'authenticated') return <Navigate to={safeNextPath(params.get('next'))} replace />;

  const onFinish = async ({ email, password }: LoginValues) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(err);
      applyFieldErrors(form, err, language, ['email', 'password']);
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: token.colorBgLayout }}
    >
      <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title
            level={2}
            style={{ margin: 0, color: token.colorPrimary }}
            data-testid="page-title-login"
          >
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        <Flex vertical gap="middle">
          {wasExpired(location.state) && !error ? (
            <Alert type="info" showIcon title={t('auth.login.expired')} data-testid="login-expired" />
          ) : null}
          <ProblemAlert error={error} testId="login-error" />
          <Form<LoginValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            disabled={submitting}
            data-testid="login-form"
          >
            <Form.Item
              name="email"
              label={t('auth.login.email')}
              rules={[
                { required: true, message: t('auth.login.emailRequired') },
                { type: 'email', message: t('auth.login.emailInvalid') },
              ]}
            >
              <Input autoComplete="username" autoFocus data-testid="login-email" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.login.password')}
              rules={[{ required: true, message: t('auth.login.passwordRequired') }]}
            >
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('auth.login.submit')}
            </Button>
          </Form>
        </Flex>
      </Card>
    </Flex>
  );
}
