/**
 * A props object carrying a `data-testid`, for antd props objects (`okButtonProps`) whose types
 * do not list data attributes although the components pass them on.
 */
export function testId<T extends object>(id: string): T {
  return { 'data-testid': id } as T;
}
