/** Test settings: a database and a Redis key prefix of their own, never the development ones. */
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/avustus_test';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
process.env.QUEUE_PREFIX = 'avustus-test';
process.env.JWT_SECRET = 'test-secret-test-secret-test-secret';
process.env.ADMIN_EMAIL = 'admin@avustus.test';
process.env.ADMIN_PASSWORD = 'admin-password';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.LOGIN_RATE_LIMIT = process.env.LOGIN_RATE_LIMIT ?? '100000';
process.env.LOGIN_ACCOUNT_RATE_LIMIT = process.env.LOGIN_ACCOUNT_RATE_LIMIT ?? '100000';
process.env.USER_RATE_LIMIT = process.env.USER_RATE_LIMIT ?? '100000';
process.env.DB_POOL_SIZE = '10';
delete process.env.SMTP_URL;
