import 'reflect-metadata';
import { ApiProperty, DECORATORS } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { installValidationSchemas, validationSchemas } from './validation-schema';

const KINDS = ['a', 'b', 'c'] as const;

class Sample {
  @ApiProperty({ description: 'stated' })
  @IsString()
  @Length(1, 300)
  name!: string;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  cents!: number;

  @ApiProperty({ maximum: 10 })
  @IsInt()
  @Min(1)
  @Max(20)
  small!: number;

  @ApiProperty({ type: String, isArray: true })
  @ArrayUnique()
  @IsIn(KINDS, { each: true })
  kinds!: string[];

  @ApiProperty({ type: String, isArray: true })
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  ids!: string[];

  @ApiProperty({ format: 'date' })
  @IsISO8601()
  day!: string;

  @IsString()
  undocumented!: string;
}

const stated = (property: keyof Sample): unknown => Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, Sample.prototype, property);

describe('class-validator constraints in the OpenAPI schema', () => {
  it('turns lengths, ranges, integers, array sizes and each-constraints into schema keywords', () => {
    expect(validationSchemas(Sample)).toEqual({
      name: { minLength: 1, maxLength: 300 },
      cents: { type: 'integer', format: 'int64', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
      small: { type: 'integer', format: 'int32', minimum: 1, maximum: 20 },
      kinds: { uniqueItems: true, maxItems: KINDS.length, items: { enum: KINDS } },
      ids: { maxItems: 5, items: { format: 'uuid' } },
      day: { format: 'date-time' },
    });
  });

  it('merges them into the documented properties, what @ApiProperty states winning, and leaves the others alone', () => {
    installValidationSchemas();
    installValidationSchemas();
    expect(stated('name')).toMatchObject({ type: String, description: 'stated', minLength: 1, maxLength: 300 });
    expect(stated('cents')).toMatchObject({ type: 'integer', format: 'int64' });
    expect(stated('small')).toMatchObject({ type: 'integer', format: 'int32', minimum: 1, maximum: 10 });
    expect(stated('kinds')).toMatchObject({ maxItems: 3, items: { type: 'string', enum: KINDS } });
    expect(stated('ids')).toMatchObject({ maxItems: 5, items: { type: 'string', format: 'uuid' } });
    expect(stated('day')).toMatchObject({ format: 'date' });
    expect(stated('undocumented')).toBeUndefined();
  });
});
