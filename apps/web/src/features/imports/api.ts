import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import { api, unwrap } from '../../shared/api/client';
import { attachmentName, saveFile } from '../../shared/download';
import type { ImportKind } from './kinds';

export type ImportView = components['schemas']['ImportView'];
export type DryRunView = components['schemas']['DryRunView'];
export type RowError = components['schemas']['ImportRowError'];

export const importKeys = { all: ['imports'] as const, list: ['imports', 'list'] as const, one: (id: string) => ['imports', 'one', id] as const };

/** Rows of one import shown at a time (the API's page cap is 500). */
export const ROWS_PAGE = 100;

/** The history: the organisation's imports, newest first; polled while one of them is still being applied. */
export function useImportHistory() {
  return useQuery({
    queryKey: importKeys.list,
    queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 50 } } })),
    refetchInterval: (query) => (query.state.data?.items.some((item) => item.status !== 'done') ? 2_000 : false),
  });
}

/** One import and a page of its rows, polled every second until the job has applied every row. */
export function useImport(id: string, offset: number) {
  return useQuery({
    queryKey: [...importKeys.one(id), offset],
    queryFn: () => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id }, query: { limit: ROWS_PAGE, offset } } })),
    refetchInterval: (query) => (query.state.data?.status === 'done' || query.state.error ? false : 1_000),
    placeholderData: keepPreviousData,
  });
}

/**
 * Sends a file to POST /imports/<kind>: a dry run answers with every row's problems and writes
 * nothing; a real run answers with the stored import (202), or the earlier one for the same file (200).
 */
function upload(kind: ImportKind, file: File, dryRun: boolean) {
  const body = new FormData();
  body.append('file', file, file.name);
  // Every upload route takes the same multipart body and gives the same answers; the client is typed
  // per path, so one of them stands for all (kinds.ts keeps `kind` to routes that exist).
  const path = `/api/v1/imports/${kind}` as '/api/v1/imports/organizations';
  return unwrap(api.POST(path, { params: { query: dryRun ? { dryRun: 'true' } : {} }, body: body as never, bodySerializer: (form) => form as unknown as FormData }));
}

export function useDryRun() {
  return useMutation({ mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => upload(kind, file, true) as Promise<DryRunView> });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => upload(kind, file, false) as Promise<ImportView>,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.list }),
  });
}

/** The failed rows as XLSX with an error column (GET /imports/{id}/errors.xlsx), saved under the server's name. */
export function useDownloadErrors(id: string) {
  return useMutation({
    mutationFn: async () => {
      const call = api.GET('/api/v1/imports/{id}/errors.xlsx', { params: { path: { id } }, parseAs: 'blob' });
      const blob = (await unwrap(call)) as unknown as Blob;
      saveFile(blob, attachmentName((await call).response, `import-${id.slice(0, 8)}-errors.xlsx`));
    },
  });
}
