import { InvalidInputError } from '@qoldau/core';
import type { FastifyRequest } from 'fastify';
import type { ImportKind } from './import-columns';
import { ReadFile, readImportStream, RowSink } from './import-file';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './import-limits';

/** An upload as read: its rows, its hash and its name. */
export interface ReceivedFile extends ReadFile {
  fileName: string | null;
}

/** Reads the upload; with a sink its rows go there a chunk at a time instead of being returned. */
export type ReadUpload = (sink?: RowSink) => Promise<ReceivedFile>;

/**
 * The multipart upload's `file` field, read as it streams in (import-file.ts): the rows are parsed on
 * the way and handed to `sink`, never the whole file held; past the byte or row cap it is 413 at once.
 */
export async function receiveFile(request: FastifyRequest, kind: ImportKind, sink?: RowSink): Promise<ReceivedFile> {
  if (!request.isMultipart()) throw new InvalidInputError('IMPORT_UNREADABLE', 'Send the file as multipart/form-data in the field "file"');
  try {
    // One byte over the cap reaches the reader, which answers 413 for it.
    const part = await request.file({ limits: { fileSize: IMPORT_MAX_BYTES + 1, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new InvalidInputError('IMPORT_UNREADABLE', 'Send the file in the multipart field "file"');
    try {
      const read = await readImportStream(kind, part.file, { bytes: IMPORT_MAX_BYTES, rows: IMPORT_MAX_ROWS }, sink);
      return { ...read, fileName: part.filename ? part.filename.slice(0, 200) : null };
    } catch (error) {
      // The rest of a refused upload is discarded unparsed, so the client still gets its answer.
      part.file.resume();
      throw error;
    }
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    if (typeof (error as { code?: string }).code === 'string' && (error as { code: string }).code.startsWith('FST_')) {
      throw new InvalidInputError('IMPORT_UNREADABLE', 'The upload could not be read');
    }
    throw error;
  }
}
