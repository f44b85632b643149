import { Button, Flex, Layout, Menu, Spin, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useNotifyError } from '../components/ProblemAlert.tsx';
import { orgName } from '../i18n/labels.ts';
import { useLanguage } from '../i18n/useLanguage.ts';
import { activeNavKey, navItems, navLabel, navTestId, showsNavItem } from './nav.ts';

export function AppLayout() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const { logout } = useAuth();
  const notifyError = useNotifyError();
  const location = useLocation();
  const { token } = theme.useToken();
  const [loggingOut, setLoggingOut] = useState(false);

  const selected = activeNavKey(location.pathname);
  const menuItems = navItems
    .filter((item) => showsNavItem(item, me.permissions))
    .map((item) => ({
      key: item.key,
      label: (
        <Link to={item.path} data-testid={navTestId(item.key)}>
          {t(`nav.${navLabel(item, me.permissions)}`)}
        </Link>
      ),
    }));

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } catch (error) {
      notifyError(error);
    } finally {
      setLoggingOut(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={208}>
        <Link to="/" style={{ display: 'block', padding: '16px 24px' }} data-testid="brand">
          <Typography.Title level={4} style={{ margin: 0, color: token.colorPrimary }}>
            {t('app.name')}
          </Typography.Title>
        </Link>
        <Menu
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={menuItems}
          style={{ borderInlineEnd: 'none' }}
          data-testid="nav-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: token.colorBgContainer, paddingInline: 24 }}>
          <Flex justify="space-between" align="center" gap="middle" style={{ height: '100%' }}>
            <Typography.Text strong ellipsis data-testid="org-name">
              {orgName(me.organisation, language)}
            </Typography.Text>
            <Flex align="center" gap="middle">
              <LanguageSwitch />
              <Link to="/me" data-testid="user-menu">
                {me.displayName}
              </Link>
              <Button onClick={onLogout} loading={loggingOut} data-testid="logout">
                {t('auth.logout')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<Spin size="large" style={{ display: 'block', marginTop: 96 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
