import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorCatalogue } from '../../shared/api/errors';
import type { Language } from '../../shared/i18n/i18n';
import type { RowError } from './api';

interface Problem {
  key: string;
  rowNumber: number;
  field: string | null;
  text: string;
}

/**
 * Every problem of the rows given, one line each: the row as the spreadsheet numbers it, the column,
 * and what is wrong in the error catalogue's words in the user's language (the server's own message
 * when the catalogue has no title for the code).
 */
export function RowProblems({ rows, caption, pagination }: { rows: { rowNumber: number; errors: RowError[] }[]; caption: string; pagination?: false | { pageSize: number } }) {
  const { t, i18n } = useTranslation('imports');
  const catalogue = useErrorCatalogue();
  const problems: Problem[] = rows.flatMap((row) =>
    row.errors.map((error, index) => ({
      key: `${row.rowNumber}-${index}`,
      rowNumber: row.rowNumber,
      field: error.field,
      text: catalogue.data?.get(error.code)?.title[i18n.language as Language] ?? error.message,
    })),
  );
  return (
    <Table<Problem>
      className="row-problems"
      size="small"
      rowKey="key"
      dataSource={problems}
      pagination={pagination ?? (problems.length > 50 ? { pageSize: 50, showSizeChanger: false } : false)}
      title={() => caption}
      locale={{ emptyText: <Empty description={t('noProblems')} /> }}
      columns={[
        { key: 'row', title: t('problem.row'), width: 90, render: (_, problem) => problem.rowNumber },
        { key: 'column', title: t('problem.column'), width: 200, render: (_, problem) => problem.field ?? t('problem.wholeRow') },
        { key: 'message', title: t('problem.message'), render: (_, problem) => problem.text },
      ]}
    />
  );
}
