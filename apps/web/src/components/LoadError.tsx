import { isApiError } from '../api/problem.ts';
import { Forbidden } from './Forbidden.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';

/** A page's data could not be loaded: 403 becomes the 无权限 result, anything else an error with retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (isApiError(error) && error.status === 403) return <Forbidden />;
  return <ProblemAlert error={error} onRetry={onRetry} testId="load-error" />;
}
