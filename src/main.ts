import 'reflect-metadata';
import { Env } from './config/env.schema';
import { createApi } from './app.factory';

export async function startApi(): Promise<void> {
  const app = await createApi();
  const env = app.get(Env);
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
}

if (require.main === module) {
  startApi().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
