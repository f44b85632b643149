import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  /** Names the page in `data-testid="page-title-<page>"`. */
  page: string;
  title: ReactNode;
  extra?: ReactNode;
}

export function PageHeader({ page, title, extra }: PageHeaderProps) {
  return (
    <Flex justify="space-between" align="center" wrap gap="middle" style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid={`page-title-${page}`}>
        {title}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
