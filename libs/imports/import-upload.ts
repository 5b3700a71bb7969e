import { InvalidInputError } from '@qoldau/core';
import type { FastifyRequest } from 'fastify';
import { IMPORT_MAX_BYTES, ImportTooLargeError } from './import-limits';

/** The multipart upload's `file` field, read whole (at most IMPORT_MAX_BYTES). */
export async function receiveFile(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string | null }> {
  if (!request.isMultipart()) throw new InvalidInputError('IMPORT_UNREADABLE', 'Send the file as multipart/form-data in the field "file"');
  try {
    const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new InvalidInputError('IMPORT_UNREADABLE', 'Send the file in the multipart field "file"');
    const bytes = await part.toBuffer();
    return { bytes, fileName: part.filename ? part.filename.slice(0, 200) : null };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ImportTooLargeError(`A file may have at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`);
    }
    if (error instanceof InvalidInputError) throw error;
    if (typeof (error as { code?: string }).code === 'string' && (error as { code: string }).code.startsWith('FST_')) {
      throw new InvalidInputError('IMPORT_UNREADABLE', 'The upload could not be read');
    }
    throw error;
  }
}
