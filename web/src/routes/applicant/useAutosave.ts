import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import type { Application, FieldError } from '../../api/types';
import { toPatch, type FormValues, type LocalError } from '../../form/application-form';

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'invalid' | 'failed' | 'conflict' | 'closed';

export interface SaveResult {
  ok: boolean;
  serverErrors?: FieldError[];
}

const DELAY_MS = 1200;

/**
 * Saves the draft a moment after the applicant stops typing, with the version last read: a
 * version that moved on elsewhere comes back as VERSION_CONFLICT and nothing is overwritten.
 * `flush` saves at once (before a submit) and tells whether everything is stored.
 */
export function useAutosave(application: Application, getValues: () => FormValues) {
  const queries = useQueryClient();
  const version = useRef(application.version);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<SaveResult> | null>(null);
  const dirty = useRef(false);
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [localErrors, setLocalErrors] = useState<LocalError[]>([]);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);

  // A reload (after a conflict) gives the stored version again.
  useEffect(() => {
    version.current = application.version;
  }, [application.id, application.version]);

  const save = useCallback(async (): Promise<SaveResult> => {
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return { ok: true };
    const { body, errors } = toPatch(getValues());
    setLocalErrors(errors);
    if (errors.length > 0) {
      setState('invalid');
      return { ok: false };
    }
    dirty.current = false;
    setState('saving');
    const run = (async (): Promise<SaveResult> => {
      try {
        const saved = await unwrap(
          api.PATCH('/api/applications/{id}', { params: { path: { id: application.id } }, body: { ...body, version: version.current } }),
        );
        version.current = saved.version;
        queries.setQueryData(['application', application.id], saved);
        void queries.invalidateQueries({ queryKey: ['applications'] });
        setServerErrors([]);
        setSavedAt(new Date());
        setState(dirty.current ? 'dirty' : 'saved');
        return { ok: true };
      } catch (e) {
        dirty.current = true;
        const code = e instanceof ApiError ? e.code : undefined;
        if (code === 'VERSION_CONFLICT') setState('conflict');
        else if (code === 'CALL_CLOSED') setState('closed');
        else if (code === 'VALIDATION_FAILED' && e instanceof ApiError) {
          setServerErrors(e.problem.errors ?? []);
          setState('invalid');
          return { ok: false, serverErrors: e.problem.errors ?? [] };
        } else setState('failed');
        return { ok: false };
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [application.id, getValues, queries]);

  const schedule = useCallback(() => {
    dirty.current = true;
    setState((s) => (s === 'conflict' || s === 'closed' ? s : 'dirty'));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void save(), DELAY_MS);
  }, [save]);

  const flush = useCallback(async (): Promise<SaveResult> => {
    window.clearTimeout(timer.current);
    return save();
  }, [save]);

  /** After a reload from the server: nothing unsaved any more. */
  const reset = useCallback((v: number) => {
    window.clearTimeout(timer.current);
    dirty.current = false;
    version.current = v;
    setLocalErrors([]);
    setServerErrors([]);
    setState('idle');
  }, []);

  // Leaving the page with unsaved changes: save them on the way out.
  useEffect(
    () => () => {
      if (dirty.current) void save();
      window.clearTimeout(timer.current);
    },
    [save],
  );

  return { state, savedAt, localErrors, serverErrors, schedule, flush, reset };
}
