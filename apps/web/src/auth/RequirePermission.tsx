import type { Permission } from '@kebao/domain/org';
import type { ReactNode } from 'react';
import { Forbidden } from '../components/Forbidden.tsx';
import { hasAnyPermission, useMe } from './AuthContext.tsx';

/** Shows the page only to holders of one of `anyOf`; everyone else gets the 403 result. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly Permission[];
  children: ReactNode;
}) {
  const me = useMe();
  return hasAnyPermission(me, anyOf) ? children : <Forbidden />;
}
