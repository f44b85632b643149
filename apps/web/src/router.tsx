import { Permission } from '@kebao/domain/org';
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
const ProductsPage = lazy(() =>
  import('./pages/products/ProductsPage.tsx').then((m) => ({ default: m.ProductsPage })),
);
const ProductDetailPage = lazy(() =>
  import('./pages/products/ProductDetailPage.tsx').then((m) => ({ default: m.ProductDetailPage })),
);
const ProductEditorPage = lazy(() =>
  import('./pages/products/ProductEditorPage.tsx').then((m) => ({ default: m.ProductEditorPage })),
);
const MyEnterprisePage = lazy(() =>
  import('./pages/enterprise/MyEnterprisePage.tsx').then((m) => ({ default: m.MyEnterprisePage })),
);
const RecommendationsPage = lazy(() =>
  import('./pages/enterprise/RecommendationsPage.tsx').then((m) => ({ default: m.RecommendationsPage })),
);
const EnterprisesPage = lazy(() =>
  import('./pages/enterprise/EnterprisesPage.tsx').then((m) => ({ default: m.EnterprisesPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('./pages/enterprise/EnterpriseDetailPage.tsx').then((m) => ({ default: m.EnterpriseDetailPage })),
);
const LeadsPage = lazy(() => import('./pages/leads/LeadsPage.tsx').then((m) => ({ default: m.LeadsPage })));
const QuotesPage = lazy(() =>
  import('./pages/policy/QuotesPage.tsx').then((m) => ({ default: m.QuotesPage })),
);
const QuoteDetailPage = lazy(() =>
  import('./pages/policy/QuoteDetailPage.tsx').then((m) => ({ default: m.QuoteDetailPage })),
);
const UnderwritingPage = lazy(() =>
  import('./pages/policy/UnderwritingPage.tsx').then((m) => ({ default: m.UnderwritingPage })),
);
const PlacementsPage = lazy(() =>
  import('./pages/policy/PlacementsPage.tsx').then((m) => ({ default: m.PlacementsPage })),
);
const PlacementBoardPage = lazy(() =>
  import('./pages/policy/PlacementBoardPage.tsx').then((m) => ({ default: m.PlacementBoardPage })),
);
const PoliciesPage = lazy(() =>
  import('./pages/policy/PoliciesPage.tsx').then((m) => ({ default: m.PoliciesPage })),
);
const PolicyDetailPage = lazy(() =>
  import('./pages/policy/PolicyDetailPage.tsx').then((m) => ({ default: m.PolicyDetailPage })),
);
const BillsPage = lazy(() => import('./pages/ledger/BillsPage.tsx').then((m) => ({ default: m.BillsPage })));
const BillDetailPage = lazy(() =>
  import('./pages/ledger/InvoiceDetailPage.tsx').then((m) => ({ default: m.BillDetailPage })),
);
const FinanceInvoicePage = lazy(() =>
  import('./pages/ledger/InvoiceDetailPage.tsx').then((m) => ({ default: m.FinanceInvoicePage })),
);
const ReconciliationInvoicePage = lazy(() =>
  import('./pages/ledger/InvoiceDetailPage.tsx').then((m) => ({ default: m.ReconciliationInvoicePage })),
);
const FinancePage = lazy(() =>
  import('./pages/ledger/FinancePage.tsx').then((m) => ({ default: m.FinancePage })),
);
const SettlementDetailPage = lazy(() =>
  import('./pages/ledger/SettlementDetailPage.tsx').then((m) => ({ default: m.SettlementDetailPage })),
);
const FunderSettlementDetailPage = lazy(() =>
  import('./pages/ledger/SettlementDetailPage.tsx').then((m) => ({ default: m.FunderSettlementDetailPage })),
);
const ReconciliationSettlementPage = lazy(() =>
  import('./pages/ledger/SettlementDetailPage.tsx').then((m) => ({
    default: m.ReconciliationSettlementPage,
  })),
);
const ReconciliationPage = lazy(() =>
  import('./pages/ledger/ReconciliationPage.tsx').then((m) => ({ default: m.ReconciliationPage })),
);
const ProgrammesPage = lazy(() =>
  import('./pages/subsidy/ProgrammesPage.tsx').then((m) => ({ default: m.ProgrammesPage })),
);
const ProgrammeDetailPage = lazy(() =>
  import('./pages/subsidy/ProgrammeDetailPage.tsx').then((m) => ({ default: m.ProgrammeDetailPage })),
);
const MyGrantsPage = lazy(() =>
  import('./pages/subsidy/GrantsPage.tsx').then((m) => ({ default: m.MyGrantsPage })),
);
const ReviewPage = lazy(() =>
  import('./pages/subsidy/GrantsPage.tsx').then((m) => ({ default: m.ReviewPage })),
);
const GrantDetailPage = lazy(() =>
  import('./pages/subsidy/GrantDetailPage.tsx').then((m) => ({ default: m.GrantDetailPage })),
);
const ReviewGrantPage = lazy(() =>
  import('./pages/subsidy/GrantDetailPage.tsx').then((m) => ({ default: m.ReviewGrantPage })),
);
const ClaimsPage = lazy(() =>
  import('./pages/claims/ClaimsPage.tsx').then((m) => ({ default: m.ClaimsPage })),
);
const ClaimDetailPage = lazy(() =>
  import('./pages/claims/ClaimDetailPage.tsx').then((m) => ({ default: m.ClaimDetailPage })),
);
const DisputesPage = lazy(() =>
  import('./pages/claims/DisputesPage.tsx').then((m) => ({ default: m.DisputesPage })),
);
const ReservingPage = lazy(() =>
  import('./pages/claims/ReservingPage.tsx').then((m) => ({ default: m.ReservingPage })),
);
const ExpertPoolPage = lazy(() =>
  import('./pages/claims/ExpertPoolPage.tsx').then((m) => ({ default: m.ExpertPoolPage })),
);
const ExpertWorkPage = lazy(() =>
  import('./pages/claims/ExpertWorkPage.tsx').then((m) => ({ default: m.ExpertWorkPage })),
);
// The monitoring pages carry the charts (ECharts): they load only when one of them is opened.
const CockpitPage = lazy(() =>
  import('./pages/monitor/CockpitPage.tsx').then((m) => ({ default: m.CockpitPage })),
);
const AlertsPage = lazy(() =>
  import('./pages/monitor/AlertsPage.tsx').then((m) => ({ default: m.AlertsPage })),
);
const StatisticsPage = lazy(() =>
  import('./pages/monitor/StatisticsPage.tsx').then((m) => ({ default: m.StatisticsPage })),
);
const IndexPage = lazy(() => import('./pages/monitor/IndexPage.tsx').then((m) => ({ default: m.IndexPage })));
const RiskPage = lazy(() => import('./pages/monitor/RiskPage.tsx').then((m) => ({ default: m.RiskPage })));
const RegistrationsPage = lazy(() =>
  import('./pages/monitor/RegistrationsPage.tsx').then((m) => ({ default: m.RegistrationsPage })),
);
const FilingQueuePage = lazy(() =>
  import('./pages/filings/FilingQueuePage.tsx').then((m) => ({ default: m.FilingQueuePage })),
);

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

/** A page below a menu item (`/products/:code`), behind its own permissions (none: every signed-in user). */
function subpage(path: string, Page: ComponentType, anyOf: readonly Permission[] = []): RouteObject {
  return {
    path: path.slice(1),
    element: (
      <RequirePermission anyOf={anyOf}>
        <Page />
      </RequirePermission>
    ),
  };
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
          page('enterprise', MyEnterprisePage),
          page('recommendations', RecommendationsPage),
          page('products', ProductsPage),
          subpage('/products/new', ProductEditorPage, [Permission.ProductPublish]),
          subpage('/products/:code', ProductDetailPage),
          page('leads', LeadsPage),
          page('quotes', QuotesPage),
          subpage('/quotes/:id', QuoteDetailPage, [Permission.QuoteRequest, Permission.QuoteUnderwrite]),
          page('underwriting', UnderwritingPage),
          page('placements', PlacementsPage),
          // The insured follows its slip from its quote; insurers from their list; readers of all policies too.
          subpage('/placements/:id', PlacementBoardPage, [
            Permission.QuoteRequest,
            Permission.QuoteUnderwrite,
            Permission.PlacementWrite,
            Permission.PolicyReadAll,
          ]),
          page('policies', PoliciesPage),
          subpage('/policies/:id', PolicyDetailPage, [
            Permission.QuoteRequest,
            Permission.QuoteUnderwrite,
            Permission.PolicyReadAll,
          ]),
          page('claims', ClaimsPage),
          page('claimDisputes', DisputesPage),
          page('reserving', ReservingPage),
          page('expertPool', ExpertPoolPage),
          // Every party to a claim reads it: the policyholder, its co-insurers, an expert assigned to it,
          // readers of all claims.
          subpage('/claims/:id', ClaimDetailPage, [Permission.ClaimRead]),
          page('expertWork', ExpertWorkPage),
          page('bills', BillsPage),
          subpage('/bills/:id', BillDetailPage, [Permission.LedgerRead]),
          // A subsidy funder's settlements with insurers (补贴结算单), under 应付补贴.
          subpage('/bills/settlements/:id', FunderSettlementDetailPage, [Permission.SubsidyManage]),
          page('finance', FinancePage),
          subpage('/finance/invoices/:id', FinanceInvoicePage, [Permission.LedgerManage]),
          subpage('/finance/settlements/:id', SettlementDetailPage, [Permission.LedgerManage]),
          page('reconciliation', ReconciliationPage),
          subpage('/reconciliation/invoices/:id', ReconciliationInvoicePage, [Permission.LedgerReadAll]),
          subpage('/reconciliation/settlements/:id', ReconciliationSettlementPage, [
            Permission.LedgerReadAll,
          ]),
          page('subsidyGrants', MyGrantsPage),
          // Whoever is party to a grant reads it (the enterprise, the funder, the collecting insurer, readers of all).
          subpage('/subsidy/grants/:id', GrantDetailPage, [Permission.SubsidyRead]),
          page('subsidyReview', ReviewPage),
          subpage('/subsidy/review/:id', ReviewGrantPage, [Permission.SubsidyManage]),
          page('subsidyProgrammes', ProgrammesPage),
          subpage('/subsidy/programmes/:code', ProgrammeDetailPage, [Permission.SubsidyRead]),
          page('enterprises', EnterprisesPage),
          // Government users read every enterprise, insurers and brokers those that consented, an enterprise itself.
          subpage('/enterprises/:id', EnterpriseDetailPage, [
            Permission.EnterpriseReadAll,
            Permission.LeadRead,
            Permission.EnterpriseSelf,
          ]),
          page('monitorCockpit', CockpitPage),
          page('monitorAlerts', AlertsPage),
          page('monitorStatistics', StatisticsPage),
          page('monitorIndex', IndexPage),
          page('monitorRisk', RiskPage),
          page('registrations', RegistrationsPage),
          page('filings', FilingQueuePage),
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
