import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** Text in Finnish (required), Swedish and English. */
export class LocalizedTextDto {
  @ApiProperty({ example: 'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen' })
  @IsString()
  @Length(1, 20_000)
  fi!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  sv?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  en?: string;
}
