import { FundingProposal, proposeFunding } from './funding-proposal';
import type { ProposalTask } from './proposal-runner';

/** Runs on a worker thread of the proposal pool (see ProposalRunner), never on the event loop. */
function run(task: ProposalTask): FundingProposal {
  return proposeFunding(task.input, { deadline: task.deadline });
}

export = run;
