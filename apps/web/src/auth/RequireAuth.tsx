import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './AuthContext.tsx';
import { loginPath } from './nextPath.ts';

export interface LoginLocationState {
  expired?: boolean;
}

/** Pages behind it need a session; without one the user goes to /login and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'authenticated') return children;
  if (state.status !== 'anonymous') return null; // the app shell shows loading and start-up errors
  if (state.reason === 'logout') return <Navigate to="/login" replace />;
  const loginState: LoginLocationState = { expired: state.reason === 'expired' };
  return <Navigate to={loginPath(location.pathname + location.search)} replace state={loginState} />;
}
