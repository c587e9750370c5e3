import { ApiProperty } from '@nestjs/swagger';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty({ enum: ['pending', 'sent'], description: 'Addition to API.md: whether the e-mail has gone out' }) deliveryStatus!: string;
}
