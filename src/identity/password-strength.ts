import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** At least this many characters, whatever the estimator says. */
export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's score 0–4; 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Built on the first password checked, not at start: the dictionaries (Finnish, English and the
 * common passwords) are some 60 MB of memory and take a moment to index.
 */
let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  if (estimator) return estimator;
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  const fi = require('@zxcvbn-ts/language-fi') as typeof import('@zxcvbn-ts/language-fi');
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...fi.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/**
 * Why a new password is too weak, or null when it is strong enough: at least 12 characters and a
 * zxcvbn score of at least 3, judged against the Finnish and English word lists, the common
 * passwords and the person's own e-mail and name (so "pekka.virtanen2024" does not pass for Pekka).
 * Pure: no I/O.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `newPassword must be at least ${MIN_PASSWORD_LENGTH} characters`;
  const inputs = userInputs.flatMap((s) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((s) => s.length >= 3);
  const result = zxcvbn().check(password, inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `newPassword is too easy to guess${hint ? `: ${hint}` : ''}; a few unrelated words make a strong one`;
}
