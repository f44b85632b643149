import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { AuthProvider, useAuth } from './auth/AuthContext.tsx';
import { useErrorText } from './components/errorText.ts';
import { useLanguage } from './i18n/useLanguage.ts';
import { router } from './router.tsx';

const theme = { token: { colorPrimary: '#1f5fbf' } };

/** Routes render once we know whether someone is signed in. */
function Shell() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { state, retryStart } = useAuth();
  if (state.status === 'loading') return <Spin size="large" fullscreen data-testid="app-loading" />;
  if (state.status === 'error') {
    return (
      <Result
        status="warning"
        title={t('errors.startTitle')}
        subTitle={errorText(state.error)}
        data-testid="app-error"
        extra={
          <Button type="primary" onClick={() => void retryStart()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <RouterProvider router={router} />;
}

export function App() {
  const language = useLanguage();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <AuthProvider>
          <Shell />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
