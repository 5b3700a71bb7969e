import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@qoldau/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only unread; false: only read; absent: all' })
  @IsOptional() @Transform(toBoolean) @IsBoolean()
  unread?: boolean;
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'referral.received' }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The organisation it was addressed to' }) orgId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) childId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) referralId: string | null;
  @ApiProperty({ type: Object, additionalProperties: true, description: 'Codes, ids and dates; never personal data' }) payload: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) readAt: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class UnreadCountView {
  @ApiProperty() unread: number;
}

export class MarkedView {
  @ApiProperty() marked: number;
}
