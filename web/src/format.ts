/**
 * Every euro amount and every instant the UI shows goes through here: euros the Finnish way
 * (1 234,50 €), times in Helsinki time whatever the browser's zone, as the call's deadline is.
 */
export type Lang = 'fi' | 'sv' | 'en';

export const HELSINKI = 'Europe/Helsinki';

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-FI' };

export function locale(lang: Lang): string {
  return LOCALES[lang];
}

/** `123450` → `1 234,50 €` (in Finnish and Swedish; English in Finland writes the same). */
export function formatEuros(cents: number, lang: Lang = 'fi'): string {
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** `123450` → `1 234,50`: what an amount field shows, which parseEuros reads back. */
export function centsToInput(cents: number | null | undefined): string {
  if (cents == null) return '';
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const part = abs % 100;
  return `${negative ? '-' : ''}${whole}${part === 0 ? '' : `,${String(part).padStart(2, '0')}`}`;
}

/**
 * Reads euros as a Finn types them — `1 234,50`, `1234.5`, `1 234 €`, `0,5` — into cents.
 * Empty gives null; anything else unreadable (two separators, three decimals, letters, a minus)
 * gives NaN, so that the form can say so instead of guessing.
 */
export function parseEuros(text: string): number | null {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (s === '') return null;
  const m = /^(\d+)(?:[,.](\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : Number.NaN;
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  timeZone: HELSINKI,
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** An instant in Helsinki time: `21.11.2018 klo 23.59`. */
export function formatDateTime(iso: string | Date, lang: Lang = 'fi'): string {
  return new Intl.DateTimeFormat(locale(lang), DATE_TIME).format(new Date(iso));
}

/** An instant to the second in Helsinki time, for receipts. */
export function formatDateTimeSeconds(iso: string | Date, lang: Lang = 'fi'): string {
  return new Intl.DateTimeFormat(locale(lang), { ...DATE_TIME, second: '2-digit' }).format(new Date(iso));
}

/** Clock time only, in Helsinki time: `14.05`. */
export function formatTime(iso: string | Date, lang: Lang = 'fi'): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: HELSINKI, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as `1.1.2019`; no time zone involved. */
export function formatDate(date: string, lang: Lang = 'fi'): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(lang), { timeZone: 'UTC', day: 'numeric', month: 'numeric', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  past: boolean;
}

/** What is left until `deadline` at `now`, in whole units. */
export function remaining(deadline: string | Date, now: number): Remaining {
  const ms = new Date(deadline).getTime() - now;
  if (ms <= 0) return { days: 0, hours: 0, minutes: 0, seconds: 0, past: true };
  const s = Math.floor(ms / 1000);
  return {
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
    past: false,
  };
}

/** A number as a percentage with at most one decimal: `12,5 %`. */
export function formatPercent(value: number, lang: Lang = 'fi'): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** The Helsinki clock at `instant`: hours, minutes and seconds (00–23). */
function helsinkiClock(instant: Date): { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: HELSINKI,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: part('hour'), minute: part('minute'), second: part('second') };
}

/**
 * A call's closing time as the ministry writes it: a call that closes at midnight Helsinki time
 * closes "21.11.2018 klo 24.00" (the day it is still open on), never "22.11.2018 klo 00.00".
 * Any other instant is shown as formatDateTime shows it.
 */
export function formatClosingTime(iso: string | Date, lang: Lang = 'fi'): string {
  const instant = new Date(iso);
  const { hour, minute, second } = helsinkiClock(instant);
  if (hour !== 0 || minute !== 0 || second !== 0 || instant.getUTCMilliseconds() !== 0) return formatDateTime(instant, lang);
  // A minute earlier is 23.59 of the same calendar day in every locale; only the clock is rewritten.
  return formatDateTime(new Date(instant.getTime() - 60_000), lang).replace(/23([.:])59$/, '24$100');
}

/** The Helsinki wall clock at an instant as a datetime-local value: `2018-11-21T23:59`. */
export function toHelsinkiInput(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: HELSINKI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/** Helsinki's offset from UTC at an instant, in minutes (120 in winter, 180 in summer). */
function helsinkiOffset(instant: number): number {
  const wall = toHelsinkiInput(new Date(instant));
  return (Date.parse(`${wall}:00Z`) - Math.floor(instant / 60_000) * 60_000) / 60_000;
}

/** A datetime-local value read as Helsinki wall-clock time: `2018-11-22T00:00` → `2018-11-21T22:00:00.000Z`. */
export function fromHelsinkiInput(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const asUtc = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(asUtc)) return null;
  let instant = asUtc - helsinkiOffset(asUtc) * 60_000;
  instant = asUtc - helsinkiOffset(instant) * 60_000;
  return new Date(instant).toISOString();
}
