import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { GRANT_STATUSES, GrantStatus } from './acceptance.rules';

export class RefuseGrantDto {
  @ApiProperty({ example: 'Hankkeen keskeiset kumppanit vetäytyivät.', description: 'Why the grant is refused; the officers see it' })
  @IsString()
  @Length(1, 2_000)
  reason!: string;
}

export class GrantView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ enum: GRANT_STATUSES }) grantStatus!: GrantStatus;
  @ApiProperty({ type: Date, description: 'First instant after the acceptance deadline; answers at or after it get 409 DEADLINE_PASSED' })
  acceptanceDueAt!: Date;
  @ApiProperty({ nullable: true, type: Date, description: 'When the answer was given (the deadline, for acceptance by silence)' })
  answeredAt!: Date | null;
  @ApiProperty({ description: 'Accepted because the deadline passed without an answer' }) acceptedBySilence!: boolean;
  @ApiProperty({ nullable: true, type: String }) refusalReason!: string | null;
}

export class ReserveRowView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() category!: string;
  @ApiProperty({ nullable: true, type: Number }) score!: number | null;
  @ApiProperty({ type: 'integer', format: 'int32' }) reviewCount!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents' }) requestedAmount!: number;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'The rank in its category (the ranking’s)' }) rank!: number;
  @ApiProperty({ type: 'integer', format: 'int32', description: 'Free slots in its category now' }) freeSlots!: number;
  @ApiProperty({ type: 'integer', format: 'int64', description: 'Cents of the budget not granted now' }) remainingBudget!: number;
}
