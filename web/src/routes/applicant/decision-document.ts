import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../api/client';
import type { Problem } from '../../api/types';
import type { components } from '../../api/schema';

export type DecisionDocument = components['schemas']['DecisionDocumentView'];
export type DocumentFormat = 'pdf' | 'html';

/** The published decision on an application (404 before publication, which the page shows as nothing yet). */
export function useApplicationDecision(applicationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['decision', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}/decision', { params: { path: { id: applicationId } } })),
    enabled,
    retry: (count, e) => !(e instanceof ApiError && e.problem.status === 404) && count < 2,
  });
}

/** The stored versions of the application's decision documents, newest first. */
export function useApplicationDocuments(applicationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['decision-documents', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}/decision-documents', { params: { path: { id: applicationId } } })),
    enabled,
  });
}

/** `OKM/2018/001`, version 1, Finnish → `OKM_2018_001-v1-fi.pdf`, as the API names it. */
export function documentFilename(doc: Pick<DecisionDocument, 'caseNumber' | 'version' | 'language'>, format: DocumentFormat): string {
  return `${doc.caseNumber.replace(/[^A-Za-z0-9-]+/g, '_')}-v${doc.version}-${doc.language}.${format}`;
}

/**
 * Fetches one stored decision document through the generated client (which carries the bearer
 * token a plain link cannot) and hands it to the browser as a download.
 */
export async function downloadDecisionDocument(doc: DecisionDocument, format: DocumentFormat): Promise<void> {
  const { data, error, response } = await api.GET('/api/applications/{id}/decision-document', {
    params: { path: { id: doc.applicationId }, query: { version: doc.version, lang: doc.language, format } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new ApiError({ ...((error ?? {}) as Partial<Problem>), status: response.status });
  const url = URL.createObjectURL(data as Blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = documentFilename(doc, format);
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file when the click returns; the next tick frees the blob.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
