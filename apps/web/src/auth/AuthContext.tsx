import type { Permission } from '@kebao/domain/org';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onUnauthorized, setCsrfToken } from '../api/client.ts';
import { ApiError, unwrap } from '../api/problem.ts';
import type { Me } from '../api/types.ts';

/** Why nobody is signed in: never was, the session ended under us, or the user logged out. */
export type SignedOutReason = 'initial' | 'expired' | 'logout';

export type AuthState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'anonymous'; reason: SignedOutReason }
  | { status: 'authenticated'; me: Me };

interface Auth {
  state: AuthState;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Re-reads `/api/me`, e.g. after the user's own roles changed; throws when it cannot. */
  refresh(): Promise<void>;
  /** Tries the start-up check again after it failed. */
  retryStart(): Promise<void>;
  /** The current session was ended elsewhere (revoked from the sessions list). */
  sessionEnded(): void;
}

const AuthContext = createContext<Auth | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/api/me'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const signIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'authenticated', me });
  }, []);

  const signOut = useCallback((reason: SignedOutReason) => {
    setCsrfToken(null);
    setState({ status: 'anonymous', reason });
  }, []);

  const refresh = useCallback(async () => {
    const me = await fetchMe();
    if (me) signIn(me);
    else signOut('expired');
  }, [signIn, signOut]);

  // Finding out at start-up whether the browser still holds a session; a failure here (server down)
  // is shown by the shell with a retry rather than as a login form.
  const start = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const me = await fetchMe();
      if (me) signIn(me);
      else signOut('initial');
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, [signIn, signOut]);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setState((s) => (s.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : s));
    });
    void start();
  }, [start]);

  const auth = useMemo<Auth>(
    () => ({
      state,
      refresh,
      retryStart: start,
      async login(email, password) {
        signIn(await unwrap(api.POST('/api/auth/login', { body: { email, password } })));
      },
      async logout() {
        try {
          await unwrap(api.POST('/api/auth/logout'));
        } finally {
          // Forget the session locally even when the server could not be reached.
          signOut('logout');
        }
      },
      sessionEnded() {
        signOut('logout');
      },
    }),
    [state, refresh, start, signIn, signOut],
  );

  return <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user; only for components under RequireAuth. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe without a signed-in user');
  return state.me;
}

export function hasAnyPermission(me: Me, required: readonly Permission[]): boolean {
  return required.length === 0 || required.some((p) => me.permissions.includes(p));
}
