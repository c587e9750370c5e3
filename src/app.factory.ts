import compress, { type FastifyCompressOptions } from '@fastify/compress';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { BodySanityPipe } from './common/body-sanity.pipe';
import { ProblemFilter } from './common/problem.filter';
import { registerSecurityHeaders } from './common/security-headers';
import { requestId } from './common/logging';
import { validationPipe } from './common/validation';
import { registerWebUi } from './common/web-ui';
import { loadEnv, servedOverTls } from './config/env.schema';
import { prepareDatabase } from './database/migrate';
import { completeDocument } from './openapi/document';
import { ProblemView } from './openapi/problems';
import { installValidationSchemas } from './openapi/validation-schema';

/** Largest request body accepted (report attachments go through their own route). */
export const BODY_LIMIT = 1024 * 1024;

/**
 * API answers of at least 2 KB (call listings, rankings, the OpenAPI document) go out as br or
 * gzip, whichever the client prefers; smaller ones (a submit's receipt, a save) stay as they are,
 * where compressing would cost more CPU than it saves on the wire. Brotli at quality 4 (the
 * plugin's default), never event streams or opaque downloads, and request bodies are not inflated:
 * the body limit counts the bytes as sent.
 */
export const COMPRESSION: FastifyCompressOptions = {
  threshold: 2048,
  encodings: ['br', 'gzip'],
  customTypes: /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|^image\/svg\+xml/,
  globalDecompression: false,
};

/** Builds the HTTP API exactly as production runs it; the tests use this too. */
export async function createApi(): Promise<NestFastifyApplication> {
  const env = loadEnv();
  await prepareDatabase(env);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: env.TRUST_PROXY,
    return503OnClosing: true,
    // The logger takes fastify's request id (the middleware sees req.id already set), so the
    // caller's x-request-id must be honoured here.
    genReqId: requestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new BodySanityPipe(), validationPipe());
  app.useGlobalFilters(new ProblemFilter({ bodyBytes: BODY_LIMIT, fileBytes: env.REPORT_ATTACHMENT_MAX_BYTES }));

  // Report attachments are the only uploads: one file per request, bounded in size.
  await app.register(multipart, { limits: { fileSize: env.REPORT_ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } });
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), servedOverTls(env));

  installValidationSchemas();
  const document = completeDocument(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Avustus API')
        .setDescription(
          'Grant calls, applications, review, funding decisions and network-project coordination. ' +
            'Implements the v1 contract of API.md; routes and fields beyond it are additions and are marked as such in their descriptions. ' +
            'Errors are RFC 9457 problem+json with a stable `code`.',
        )
        .setVersion('1')
        .addServer('/', 'This service, in whichever environment (local, staging, production) serves this document')
        .addBearerAuth({
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `accessToken` of POST /api/auth/login: a JWS (HS256, the algorithm fixed by the server) following RFC8725',
        })
        .build(),
      { extraModels: [ProblemView] },
    ),
    BODY_LIMIT,
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await registerWebUi(app);
  // After the web UI (its files come compressed from the build), before the API's routes (added at init).
  await app.register(compress, COMPRESSION);

  return app;
}
