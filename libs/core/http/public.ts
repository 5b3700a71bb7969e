import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'qoldau:public';

/** Marks a route as reachable without a token (login, health, reference data, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
