import { Permission } from '@kebao/domain/org';
import { useEffect, useRef } from 'react';
import { hasAnyPermission, useMe } from '../auth/AuthContext.tsx';

/** One event of the live stream (`GET /api/events`), as the server frames it. */
export interface LiveEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event in a stream message's data, or null for anything else. */
export function readLiveEvent(data: string): LiveEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.type !== 'string' || typeof value.aggregateId !== 'string')
    return null;
  return {
    type: value.type,
    aggregateType: typeof value.aggregateType === 'string' ? value.aggregateType : '',
    aggregateId: value.aggregateId,
    payload: isRecord(value.payload) ? value.payload : {},
  };
}

/** The events of quotes, placements and binds that change what the quote and placement pages show. */
export const dealEvents = [
  'quote.offered',
  'quote.referred',
  'quote.declined',
  'quote.accepted',
  'quote.expired',
  'placement.opened',
  'placement.invited',
  'placement.line_written',
  'placement.line_declined',
  'placement.closed',
  'placement.collection_mode_changed',
  'policy.bound',
] as const;

/**
 * Calls `onEvent` for every event of `types` on the live stream while the page is open (the stream
 * sends only what the user's organisation may see). Without EventSource, or without the right to follow
 * events, nothing arrives; pages still reload after their own actions.
 */
export function useLiveEvents(types: readonly string[], onEvent: (event: LiveEvent) => void): void {
  const me = useMe();
  const allowed = hasAnyPermission(me, [Permission.EventsRead, Permission.EventsReadAll]);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const key = allowed ? types.join(',') : '';
  useEffect(() => {
    if (typeof EventSource === 'undefined' || key === '') return;
    const source = new EventSource('/api/events');
    const listener = (message: Event) => {
      const event = readLiveEvent((message as MessageEvent<string>).data);
      if (event) handler.current(event);
    };
    const names = key.split(',');
    for (const name of names) source.addEventListener(name, listener);
    return () => {
      for (const name of names) source.removeEventListener(name, listener);
      source.close();
    };
  }, [key]);
}
