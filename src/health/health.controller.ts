import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth';
import { Problem } from '../common/problem';
import { ApiProblem } from '../openapi/problems';
import { RedisHealthIndicator } from './redis.health';

const DEPENDENCIES = ['postgres', 'redis'] as const;

export class HealthIndicatorView {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
  @ApiPropertyOptional({ type: 'integer', format: 'int32', description: 'Milliseconds the check took (PostgreSQL)' }) responseTime?: number;
}

class HealthChecksView {
  @ApiProperty({ type: HealthIndicatorView }) postgres!: HealthIndicatorView;
  @ApiProperty({ type: HealthIndicatorView }) redis!: HealthIndicatorView;
}

/** @nestjs/terminus's result when every dependency answers. */
export class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: HealthChecksView }) info!: HealthChecksView;
  @ApiProperty({ type: 'object', properties: {}, additionalProperties: false, description: 'Empty when healthy' }) error!: Record<
    string,
    never
  >;
  @ApiProperty({ type: HealthChecksView }) details!: HealthChecksView;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Health', description: 'For load balancers and orchestrators: 200 when PostgreSQL and Redis answer.' })
  @ApiOkResponse({ type: HealthView, description: 'PostgreSQL and Redis answer' })
  @ApiProblem(503, `SERVICE_UNAVAILABLE: \`down\` names the dependencies (${DEPENDENCIES.join(', ')}) that do not answer`)
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('postgres', { timeout: 1_500 }), () => this.redis.check('redis')]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      const result = e.getResponse() as HealthCheckResult;
      const down = Object.keys(result.error ?? {});
      throw new Problem(503, 'SERVICE_UNAVAILABLE', `Not answering: ${down.join(', ')}`, { down, checks: result.details });
    }
  }
}
