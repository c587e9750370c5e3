import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { INT32_MAX } from '../openapi/validation-schema';

/** `limit` and `offset` on list routes (an addition to API.md). */
export class PageQuery {
  @ApiPropertyOptional({ default: 100, description: 'Addition to API.md' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, maximum: INT32_MAX, description: 'Addition to API.md' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
