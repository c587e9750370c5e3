import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Piscina } from 'piscina';
import { Env } from '../config/env.schema';
import { FundingProposal, ProposalInput } from './funding-proposal';

export interface ProposalTask {
  input: ProposalInput;
  /** Epoch milliseconds at which the search answers with the best proposal found. */
  deadline: number;
}

/**
 * The compiled worker module. Beside this file when running from dist; when this file runs from
 * its TypeScript source (the tests), the build of the same source in dist/.
 */
function workerFile(): string {
  const beside = join(__dirname, 'proposal.worker.js');
  if (existsSync(beside)) return beside;
  const built = resolve(__dirname, '..', '..', 'dist', 'src', 'funding', 'proposal.worker.js');
  if (existsSync(built)) return built;
  throw new Error(`funding proposal worker not found at ${beside} or ${built}: run npm run build`);
}

/**
 * Computes funding proposals on worker threads: the exact search is NP-hard and may run for
 * long, and must never hold up the process's event loop (every request, and in `npm start` every
 * job). Each proposal gets PROPOSAL_TIME_LIMIT_MS from the request, waiting included, after
 * which it answers with the best proposal found.
 */
@Injectable()
export class ProposalRunner implements OnModuleDestroy {
  private pool?: Piscina<ProposalTask, FundingProposal>;

  constructor(private readonly env: Env) {}

  run(input: ProposalInput): Promise<FundingProposal> {
    this.pool ??= new Piscina<ProposalTask, FundingProposal>({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: 2,
      idleTimeout: 60_000,
    });
    return this.pool.run({ input, deadline: Date.now() + this.env.PROPOSAL_TIME_LIMIT_MS });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close({ force: true });
  }
}
