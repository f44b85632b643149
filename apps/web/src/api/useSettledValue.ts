import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `ms` milliseconds: a search asks the server when typing pauses. */
export function useSettledValue(value: string, ms: number): string {
  const [settledValue, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settledValue;
}
