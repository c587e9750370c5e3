import { getSession } from '../session';
import { ApiError } from './client';
import type { Problem } from './types';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv';

/**
 * Downloads a spreadsheet the API gives for `Accept`: the token goes in a header, so a plain link
 * cannot carry it; the file is fetched and handed to the browser as a download.
 */
export async function download(path: string, accept: string, filename: string): Promise<void> {
  const session = getSession();
  const response = await fetch(path, { headers: { accept, ...(session ? { authorization: `Bearer ${session.token}` } : {}) } });
  if (!response.ok) throw new ApiError({ ...((await response.json().catch(() => ({}))) as Partial<Problem>), status: response.status });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
