import { Injectable } from '@nestjs/common';
import { SqlRepository } from '@qoldau/core';

/** Moves this lib's rows of a duplicate to the survivor; nothing is deleted. */
@Injectable()
export class MergeRepository extends SqlRepository {
  async moveOwnRows(survivorId: string, duplicateId: string, now: Date): Promise<void> {
    // An open involvement the survivor already has (same organisation, kind and source) is ended on
    // the duplicate's side first, so moving keeps one open row per key and the history of both.
    await this.affected(
      `UPDATE involvements d SET until = GREATEST(d.since, $3::timestamptz)
        WHERE d.child_id = $2 AND d.until IS NULL
          AND EXISTS (SELECT 1 FROM involvements s WHERE s.child_id = $1 AND s.until IS NULL AND s.org_id = d.org_id
                         AND s.kind = d.kind AND s.source_id IS NOT DISTINCT FROM d.source_id)`,
      [survivorId, duplicateId, now],
    );
    // The same legal representative recorded on both: the duplicate's row is ended (its consents stay valid).
    await this.affected(
      `UPDATE guardians d SET ended_at = $3, end_reason = 'merged', version = d.version + 1, updated_at = now()
        WHERE d.child_id = $2 AND d.ended_at IS NULL AND d.iin IS NOT NULL
          AND EXISTS (SELECT 1 FROM guardians s WHERE s.child_id = $1 AND s.ended_at IS NULL AND s.iin = d.iin)`,
      [survivorId, duplicateId, now],
    );
    for (const table of ['involvements', 'guardians', 'consents', 'diagnoses', 'disabilities', 'timeline_entries']) {
      await this.affected(`UPDATE ${table} SET child_id = $1 WHERE child_id = $2`, [survivorId, duplicateId]);
    }
  }
}
