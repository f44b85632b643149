import { Spin } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth.tsx';
import { RequirePermission } from './auth/RequirePermission.tsx';
import { NotFound } from './components/NotFound.tsx';
import { RouteError } from './components/RouteError.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { type NavKey, navItem } from './layout/nav.ts';

// Each page is its own chunk; the shell (layout, login guard) loads with the entry.
const LoginPage = lazy(() => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const MePage = lazy(() => import('./pages/me/MePage.tsx').then((m) => ({ default: m.MePage })));
const OrgUsersPage = lazy(() =>
  import('./pages/users/OrgUsersPage.tsx').then((m) => ({ default: m.OrgUsersPage })),
);
const TokensPage = lazy(() =>
  import('./pages/tokens/TokensPage.tsx').then((m) => ({ default: m.TokensPage })),
);
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage.tsx').then((m) => ({ default: m.OrgsPage })));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

/** A page of the menu, behind the same permissions as its menu item. */
function page(key: NavKey, Page: ComponentType): RouteObject {
  const { path, anyOf } = navItem(key);
  const element = (
    <RequirePermission anyOf={anyOf}>
      <Page />
    </RequirePermission>
  );
  return path === '/' ? { index: true, element } : { path: path.slice(1), element };
}

const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<Spin size="large" fullscreen />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          page('home', HomePage),
          page('me', MePage),
          page('orgUsers', OrgUsersPage),
          page('tokens', TokensPage),
          page('orgs', OrgsPage),
          page('audit', AuditPage),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
