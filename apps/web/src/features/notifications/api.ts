import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../shared/api/client';

export const notificationKeys = { all: ['notifications'] as const, unread: ['notifications', 'unread-count'] as const };

/** The bell's number: polled every minute, so a referral that arrives shows without a reload. */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 60_000,
  });
}

export const notificationsQueryOptions = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: [...notificationKeys.all, 'list', unreadOnly],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 20, ...(unreadOnly ? { unread: true } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useNotifications = (unreadOnly: boolean) => useInfiniteQuery(notificationsQueryOptions(unreadOnly));

export function useMarkRead() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  return {
    one: useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })), onSuccess: refresh }),
    all: useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')), onSuccess: refresh }),
  };
}
