import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegionNames } from '../regions/useRegions.ts';

/**
 * A region code (行政区划代码) by its full name, the code in a tooltip; a code the region list does not hold
 * (or before it has loaded) as the code. With `prefix`, a reviewer's code prefix (31 → 上海市).
 */
export function RegionName({ code, prefix = false }: { code: string; prefix?: boolean }) {
  const { t } = useTranslation();
  const regions = useRegionNames();
  const name = prefix ? regions.prefix(code) : regions.name(code);
  const shown = (
    <span data-testid="region-name" data-region={code}>
      {name ?? code}
    </span>
  );
  if (name === null) return shown;
  return <Tooltip title={t(prefix ? 'regions.prefix' : 'regions.code', { code })}>{shown}</Tooltip>;
}
