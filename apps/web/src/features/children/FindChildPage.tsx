import { Button, Empty, Flex, Form, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type ChildSummary, searchTerm, useChildSearch, useMayDo, useRegionName } from './api';
import { formatDate } from '../cases/dates';
import { fullName } from '../cases/labels';
import './children.css';
import { LoadFailed } from '../../shared/ui/load-states';

/**
 * Find a child (issue 14): one box for an IIN or a name in any script; the term lives in the URL
 * (`?q=`) so a search survives a reload and can be shared. Registering is offered only once a search
 * has been made and only to those GET /me allows it (search before create; the server still decides).
 */
export function FindChildPage() {
  const { t } = useTranslation(['children', 'common']);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const term = searchTerm(q);
  const results = useChildSearch(term);
  const regionName = useRegionName();
  const mayRegister = useMayDo('create:Child');

  const searched = term.kind === 'iin' || term.kind === 'name';
  const rows = searched ? (results.data?.pages.flatMap((page) => page.items) ?? []) : [];
  const answered = searched && results.isSuccess && !results.isPlaceholderData;
  const termProblem = term.kind === 'tooShort' ? t('iinTooShort') : term.kind === 'tooLong' ? t('iinTooLong') : undefined;

  function search(value: string) {
    const next = value.trim();
    setParams(next ? { q: next } : {}, { replace: next === q });
  }

  const columns: ColumnsType<ChildSummary> = [
    {
      key: 'name',
      title: t('columns.name'),
      render: (_, child) => <Link to={`/cases/${child.id}`}>{child.identity ? fullName(child.identity) : t('candidateCase')}</Link>,
    },
    {
      key: 'iin',
      title: t('columns.iin'),
      render: (_, child) => {
        if (child.identity?.iin) return <span className="iin">{child.identity.iin}</span>;
        return <Typography.Text type="secondary">{t('noIin')}</Typography.Text>;
      },
    },
    { key: 'birthDate', title: t('columns.birthDate'), render: (_, child) => (child.identity ? formatDate(child.identity.birthDate) : '') },
    { key: 'region', title: t('columns.region'), render: (_, child) => (child.identity ? (regionName(child.identity.kato) ?? '') : '') },
    {
      key: 'status',
      title: t('columns.status'),
      render: (_, child) => {
        return child.status === 'open' ? t('status.open') : <Tag>{t('status.closed')}</Tag>;
      },
    },
  ];

  return (
    <section aria-labelledby="find-child-title" className="find-child">
      <Typography.Title level={1} id="find-child-title">
        {t('findTitle')}
      </Typography.Title>
      <Form layout="vertical">
        <Form.Item label={t('searchLabel')} htmlFor="child-search" validateStatus={termProblem ? 'error' : undefined} help={termProblem ?? t('searchHint')}>
          <Input.Search
            id="child-search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            // No `loading` here: antd's Search ignores Enter while loading, and a new term typed while the
            // last results load must still be searched for (the table shows the loading instead).
            onSearch={search}
            placeholder={t('searchPlaceholder')}
            enterButton={t('searchButton')}
            allowClear
            autoFocus
            autoComplete="off"
            size="large"
          />
        </Form.Item>
      </Form>

      {searched && results.isError ? (
        <LoadFailed error={results.error} retry={() => void results.refetch()} />
      ) : searched ? (
        <>
          <Typography.Paragraph type="secondary" className="found" aria-live="polite">
            {answered ? (rows.length > 0 ? t('found', { count: rows.length }) : t('noResults', { term: q })) : ''}
          </Typography.Paragraph>
          <Table<ChildSummary>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            loading={results.isPending || results.isPlaceholderData}
            pagination={false}
            locale={{ emptyText: results.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} /> }}
            footer={
              results.hasNextPage
                ? () => (
                    <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                      {t('loadMore')}
                    </Button>
                  )
                : undefined
            }
          />
          {answered && mayRegister && (
            <Flex className="register-offer" align="center" justify="space-between" gap="middle" wrap>
              <Typography.Text>{t('registerOffer')}</Typography.Text>
              <Button type="primary" onClick={() => navigate('/children/new', { state: { search: q } })}>
                {t('registerChild')}
              </Button>
            </Flex>
          )}
        </>
      ) : null}
    </section>
  );
}
