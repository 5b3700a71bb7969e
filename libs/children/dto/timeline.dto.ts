import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '@qoldau/core';

export class TimelineQuery extends PageQuery {}

export class TimelineOrganization {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() nameKk: string;
  @ApiProperty() nameRu: string;
  @ApiProperty({ enum: ['education', 'health', 'social'], nullable: true }) sector: string | null;
}

export class TimelineEntryView {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ description: 'The case section the entry belongs to; it is shown only to those who see that section' }) section: string;
  @ApiProperty({ example: 'consent.granted' }) kind: string;
  @ApiProperty({ type: TimelineOrganization, nullable: true, description: 'The organisation that acted, with its sector' })
  organization: TimelineOrganization | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) counterpartOrgId: string | null;
  @ApiProperty({ type: Object, additionalProperties: true }) details: Record<string, unknown>;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineEntryView] }) items: TimelineEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
