import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { unwrap } from '../../api/problem.ts';
import type { AuditRecord } from '../../api/types.ts';

export interface AuditFilters {
  entityType: string;
  action: string;
}

const pageSize = 50;

interface AuditLog {
  items: AuditRecord[];
  hasMore: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
}

/** The audit log, newest first, one cursor page at a time (`before` = the previous page's `nextBefore`). */
export function useAuditLog(filters: AuditFilters): AuditLog {
  const [items, setItems] = useState<AuditRecord[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  // Answers for filters that are no longer current are dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (before: string | null, append: boolean) => {
      const mine = generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const query = {
          entityType: filters.entityType || undefined,
          action: filters.action || undefined,
          before: before ?? undefined,
          limit: pageSize,
        };
        const page = await unwrap(api.GET('/api/audit', { params: { query } }));
        if (mine !== generation.current) return;
        setItems((old) => (append ? [...old, ...page.items] : page.items));
        setNextBefore(page.nextBefore);
      } catch (err) {
        if (mine === generation.current) setError(err);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [filters.entityType, filters.action],
  );

  const reload = useCallback(() => {
    generation.current += 1;
    setItems([]);
    setNextBefore(null);
    void fetchPage(null, false);
  }, [fetchPage]);

  useEffect(() => reload(), [reload]);

  const loadMore = useCallback(() => {
    if (nextBefore) void fetchPage(nextBefore, true);
  }, [fetchPage, nextBefore]);

  return { items, hasMore: nextBefore !== null, loading, error, loadMore, reload };
}
