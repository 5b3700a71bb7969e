import type { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import {
  DECORATORS, DocumentBuilder, OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, ResponseObject, SchemaObject, SwaggerModule,
} from '@nestjs/swagger';
import type { CaseSectionProvider } from '@qoldau/children';
import { IS_PUBLIC } from '@qoldau/core';

/**
 * The OpenAPI document: served at /api/docs (UI) and /api/docs-json, linted by `npm run lint:api`, and the
 * source of the web client's types (`npm run gen:client` → apps/web/src/api/schema.d.ts). Every operation
 * has a stable camelCase operationId, a summary, a tag, its security (derived from `@Public()`, the same
 * metadata the auth guard reads) and its problem+json error responses.
 */

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';
export const BEARER = 'bearer';

/** Top-level tags, in the order the docs UI shows them; every controller's @ApiTags must be one of these. */
export const API_TAGS: Readonly<Record<string, string>> = {
  auth: 'Signing in and out, refreshing the session',
  children: 'The case record of a child: identity, legal representatives, consents, health, timeline',
  assessments: 'PMPC assessments, commission confirmations and signed conclusions',
  placements: 'Placements in schools and kindergartens, and their support plans',
  referrals: 'Referrals to services, waiting lists and service episodes',
  worklist: 'What needs your attention now',
  reports: 'The national and regional figures as of a date, small counts suppressed (docs/reports.md)',
  imports: 'Organisations and children loaded from CSV or XLSX files, checked row by row (libs/imports/README.md)',
  notifications: 'Your own notifications',
  oversight: 'Emergency (break-glass) access, its review, and the access log of a case',
  organizations: 'Organisations and their details',
  users: 'User accounts and who you are',
  audit: 'The audit trail: search, export, verify',
  reference: 'Reference lists: regions, organisation types, SEN categories, forms, conditions, holidays',
  health: 'Liveness and readiness probes for the platform',
};

const DESCRIPTION = `Qoldau ("support" in Kazakh) keeps one case record per child with special educational needs in
Kazakhstan, shared by education, health and social-protection agencies, each seeing only what its role allows.

- **Signing in**: \`POST /api/v1/auth/login\` gives an access token; send it as \`Authorization: Bearer <token>\`.
  Operations with \`security: []\` (health, reference lists, login, refresh) need no token.
- **Errors** are \`application/problem+json\` (RFC 9457) with a stable \`code\`; field problems are listed in
  \`errors[]\`. Every code, with its Kazakh, Russian and English title, is in \`GET /api/v1/reference/error-codes\`.
- **Language**: \`Accept-Language\` picks kk (default), ru or en for labels and problem titles.
- **Concurrency**: versioned records come with an \`ETag\`; changes send it back in \`If-Match\`
  (missing → 428, stale → 412).
- **Retries**: creating POSTs accept an \`Idempotency-Key\`.`;

/** camelCase: verb first, then the resource (`acceptReferral`, `getChild`, `listUsers`). */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  if (/[A-Z]/.test(methodKey)) return methodKey; // already verb + noun: listGuardians, recordDisability
  const resources = controllerKey.replace(/Controller$/, '');
  if (methodKey === 'list') return `list${resources}`;
  const verb = methodKey === 'read' ? 'get' : methodKey;
  return `${verb}${singular(resources)}`;
}

function singular(name: string): string {
  if (name.endsWith('Children')) return name.slice(0, -3);
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (name.endsWith('s')) return name.slice(0, -1);
  return name;
}

/**
 * Serves the document at /api/docs and /api/docs-json, built on the first request for it: building it
 * walks every controller and DTO (about a tenth of the api's start-up CPU, issue 16), which no other
 * request needs.
 */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), { jsonDocumentUrl: DOCS_JSON_PATH });
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Qoldau API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setContact('Qoldau', 'https://qoldau.kz', '')
    .setLicense('Proprietary, all rights reserved', 'https://qoldau.kz/license')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login' }, BEARER);
  for (const [name, description] of Object.entries(API_TAGS)) builder.addTag(name, description);
  const sections = contributedSections(app);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationIdOf,
    extraModels: sections.map((section) => section.items),
  });
  describeCaseSections(document, sections);
  delete document.info.contact?.email; // none published; an empty string is not an address
  addProblemSchemas(document);

  const publicIds = publicOperationIds(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = publicIds.get(operation.operationId ?? '');
      if (isPublic === undefined) throw new Error(`OpenAPI: no handler found for ${method.toUpperCase()} ${path} (${operation.operationId})`);
      operation.security = isPublic ? [] : [{ [BEARER]: [] }];
      if (!path.startsWith('/health/')) addProblemResponses(operation, isPublic);
    }
  }
  return document;
}

type ContributedSection = Required<Pick<CaseSectionProvider, 'section' | 'items'>>;

/**
 * The case-section providers of other libs (those that name their `items`). Read from the providers
 * themselves, not from CaseSections: they register there on module init, after the document is built.
 */
function contributedSections(app: INestApplication): ContributedSection[] {
  const found: ContributedSection[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { instance, metatype } of module.providers.values()) {
      // Only a class whose prototype selects a section is looked into: other providers (values, factories,
      // request-scoped proxies that throw when touched outside a request) are left unread.
      if (typeof (metatype as { prototype?: { select?: unknown } } | null)?.prototype?.select !== 'function') continue;
      const provider = instance as Partial<CaseSectionProvider> | undefined;
      if (provider && typeof provider.section === 'string' && typeof provider.items === 'function' && typeof provider.select === 'function') {
        found.push({ section: provider.section, items: provider.items });
      }
    }
  }
  return found;
}

/**
 * The case view (ChildView) as the API sends it: besides the children lib's own sections, those other
 * libs contribute (assessments, placements, referrals), each a list of its items — present only when
 * the caller may see the section, like every other section.
 */
function describeCaseSections(document: OpenAPIObject, sections: ContributedSection[]): void {
  const childView = document.components?.schemas?.ChildView as SchemaObject | undefined;
  if (!childView) throw new Error('OpenAPI: no ChildView schema to add the case sections to');
  childView.properties ??= {};
  for (const { section, items } of sections) {
    childView.properties[section] ??= {
      type: 'array',
      items: { $ref: `#/components/schemas/${items.name}` },
      description: `Left out when the caller may not see the ${section} section`,
    };
  }
}

/** operationId → whether the route is @Public() (handler or controller), as the auth guard decides it. */
function publicOperationIds(app: INestApplication): Map<string, boolean> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const ids = new Map<string, boolean>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype, instance } of module.controllers.values()) {
      if (!metatype || !instance) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const explicit = (Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined)?.operationId;
        const id = explicit ?? operationIdOf(metatype.name, name);
        if (ids.has(id)) throw new Error(`OpenAPI: operationId ${id} is used twice`);
        ids.set(id, Boolean(reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, metatype as object as () => void])));
      }
    }
  }
  return ids;
}

const PROBLEM = 'application/problem+json';
const problemRef: ReferenceObject = { $ref: '#/components/schemas/ProblemDetails' };

function addProblemSchemas(document: OpenAPIObject): void {
  const components = (document.components ??= {});
  components.responses = Object.fromEntries(Object.entries(PROBLEM_RESPONSES).map(([name, description]) => [name, problem(description)]));
  const schemas = (components.schemas ??= {});
  schemas.FieldError = {
    type: 'object',
    required: ['field', 'code', 'message'],
    properties: {
      field: { type: 'string', example: 'birthDate', description: 'The field, header or parameter at fault' },
      code: { type: 'string', example: 'INVALID_DATE', description: 'Stable code (GET /api/v1/reference/error-codes)' },
      message: { type: 'string', description: 'English sentence for developers' },
    },
  } satisfies SchemaObject;
  schemas.ProblemDetails = {
    type: 'object',
    description:
      'RFC 9457 problem details (docs/errors.md). Some codes add members: `currentVersion` (412), `existingId` (409 DUPLICATE_CHILD), ' +
      '`candidates` (409 POSSIBLE_DUPLICATE), `mergedInto` (404 CHILD_MERGED), `lockedUntil` (401 ACCOUNT_LOCKED), `currentStatus` (422 TRANSITION_NOT_ALLOWED).',
    required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
    properties: {
      type: { type: 'string', format: 'uri', example: 'https://qoldau.kz/problems/consent-required' },
      title: { type: 'string', description: 'Title of the code in the Accept-Language language', example: 'Заңды өкілдің келісімі қажет' },
      status: { type: 'integer', example: 422 },
      detail: { type: 'string', description: 'English sentence for developers' },
      code: { type: 'string', example: 'CONSENT_REQUIRED', description: 'Stable code (GET /api/v1/reference/error-codes)' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
      requestId: { type: 'string', description: 'Quote it when reporting a problem' },
    },
    additionalProperties: true,
  } satisfies SchemaObject;
}

function problem(description: string): ResponseObject {
  return { description, content: { [PROBLEM]: { schema: problemRef } } };
}

/**
 * Error responses in problem+json: those a route declares get the schema, and each operation gets what
 * the request path makes possible: 400 for bad input, 401 without a valid token, 404 for an id that does
 * not exist or is not yours to see, and the other refusals (403, 409, 412, 422, 428…) together as 4XX.
 */
function addProblemResponses(operation: OperationObject, isPublic: boolean): void {
  const responses = operation.responses;
  for (const [status, response] of Object.entries(responses)) {
    if (/^[45]/.test(status) && response && !('$ref' in response) && !response.content) responses[status] = problem(response.description);
  }
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasInput = Boolean(operation.requestBody) || parameters.some((p) => p.in === 'path' || p.in === 'query');
  const set = (status: string, name: keyof typeof PROBLEM_RESPONSES) => (responses[status] ??= { $ref: `#/components/responses/${name}` });
  if (hasInput) set('400', 'InvalidInput');
  if (!isPublic) set('401', 'Unauthenticated');
  if (parameters.some((p) => p.in === 'path')) set('404', 'NotFound');
  if (!isPublic) set('4XX', 'Refused');
  set('5XX', 'ServerError');
}

/** The shared error responses, referenced from the operations (components.responses). */
const PROBLEM_RESPONSES = {
  InvalidInput: 'The input is invalid: VALIDATION_FAILED with each field in errors[], or another code',
  Unauthenticated: 'No valid access token: UNAUTHENTICATED, TOKEN_EXPIRED, TOKEN_INVALID or SESSION_REVOKED',
  NotFound: 'NOT_FOUND: no such record, or not one you may see',
  Refused: 'Refused: 403 no permission, 409 conflict, 412/428 version, 422 a rule of the case; `code` says which',
  ServerError: 'Server trouble: 503 AUDIT_UNAVAILABLE or DATABASE_BUSY (nothing changed, retry), 500 INTERNAL (quote requestId)',
} as const;
