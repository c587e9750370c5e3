import type { Language } from '../identity/organization.entity';

/** Texts of every notification, in the recipient's language. Pure: no I/O. */
export type Localized = { fi: string; sv?: string; en?: string };

export interface Message {
  subject: string;
  body: string;
}

export function pick(text: Localized, language: Language): string {
  return text[language] ?? text.fi;
}

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** One formatter per language and time zone: building one costs far more than using it. */
const instantFormats = new Map<string, { format: Intl.DateTimeFormat; minute: number; text: string }>();
const euroFormats = new Map<Language, Intl.NumberFormat>();

/** How each language writes the time of day after the date: Finnish "klo 11.21", Swedish "kl. 11.21". */
const CLOCK: Record<Language, (hour: number, minute: string) => string> = {
  fi: (h, m) => `klo ${h}.${m}`,
  sv: (h, m) => `kl. ${h}.${m}`,
  en: (h, m) => `at ${String(h).padStart(2, '0')}:${m}`,
};

/** The zone the calls are in; other zones get their name after the time, so the reader knows whose clock it is. */
const HOME_ZONE = 'Europe/Helsinki';

/**
 * "3.12.2026 klo 11.21" (Swedish "3.12.2026 kl. 11.21"), as Finns write it: day, month, year,
 * then the 24-hour time of the zone, midnight as the end of the day before ("21.11.2018 klo 24.00"); a zone other than Helsinki's is named after it
 * ("3.12.2026 klo 11.21 (UTC+1)"). The text changes only from one minute to the next (zone
 * offsets change on the hour), so the last one per language and zone is kept: a deadline rush
 * formats the same minute over and over.
 */
export function formatInstant(at: Date, zone: string, language: Language): string {
  const key = `${language} ${zone}`;
  const minute = Math.floor(at.getTime() / 60_000);
  let cached = instantFormats.get(key);
  if (cached?.minute === minute) return cached.text;
  const format =
    cached?.format ??
    new Intl.DateTimeFormat(LOCALE[language], {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of format.formatToParts(at)) part[p.type] = p.value;
  // Midnight is the end of the day before, as the ministry writes a deadline: "21.11.2018 klo 24.00", never "22.11.2018 klo 0.00".
  const midnight = Number(part.hour) === 0 && part.minute === '00';
  const day: typeof part = midnight ? {} : part;
  if (midnight) for (const p of format.formatToParts(new Date(at.getTime() - 60_000))) day[p.type] = p.value;
  // Number(): some locales (en-GB) pad the day and month even when asked for "numeric".
  const date = `${Number(day.day)}.${Number(day.month)}.${day.year}`;
  const clock = midnight ? CLOCK[language](24, '00') : CLOCK[language](Number(part.hour), part.minute ?? '00');
  const text = `${date} ${clock}${zone === HOME_ZONE ? '' : ` (${part.timeZoneName})`}`;
  cached = { format, minute, text };
  instantFormats.set(key, cached);
  return text;
}

/**
 * Money as each language writes it, the one format for every text: Finnish and Swedish
 * "550 000,00 €" (no-break spaces, as Intl gives them), English "€550,000.00".
 */
export function euros(cents: number, language: Language): string {
  let format = euroFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'EUR' });
    euroFormats.set(language, format);
  }
  return format.format(cents / 100);
}

export const templates = {
  callReminder(p: { callTitle: Localized; closesAt: Date; zone: string; daysBefore: number; drafts: number }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const when = formatInstant(p.closesAt, p.zone, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Muistutus: haku "${title}" päättyy ${when}`,
        body: `Organisaatiollanne on ${p.drafts} lähettämätöntä hakemusta haussa "${title}". Haku päättyy ${when}. Lähettämättömät hakemukset eivät osallistu hakuun.`,
      },
      sv: {
        subject: `Påminnelse: ansökan "${title}" stänger ${when}`,
        body: `Er organisation har ${p.drafts} ansökningar som inte har skickats in i utlysningen "${title}". Utlysningen stänger ${when}. Ansökningar som inte skickats in deltar inte.`,
      },
      en: {
        subject: `Reminder: call "${title}" closes ${when}`,
        body: `Your organisation has ${p.drafts} unsubmitted application(s) in the call "${title}". The call closes ${when}. Unsubmitted applications are not considered.`,
      },
    };
    return texts[lang];
  },

  applicationSubmitted(p: { applicationTitle: string; callTitle: Localized; submittedAt: Date; zone: string }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const when = formatInstant(p.submittedAt, p.zone, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Hakemus vastaanotettu: ${p.applicationTitle}`,
        body: `Hakemus "${p.applicationTitle}" hakuun "${title}" on vastaanotettu ${when}.`,
      },
      sv: { subject: `Ansökan mottagen: ${p.applicationTitle}`, body: `Ansökan "${p.applicationTitle}" till "${title}" mottogs ${when}.` },
      en: {
        subject: `Application received: ${p.applicationTitle}`,
        body: `The application "${p.applicationTitle}" to "${title}" was received ${when}.`,
      },
    };
    return texts[lang];
  },

  applicationInReview(p: { applicationTitle: string; callTitle: Localized }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Haku päättyi: ${p.applicationTitle} arvioidaan`,
        body: `Haku "${title}" on päättynyt. Hakemus "${p.applicationTitle}" on siirtynyt arviointiin.`,
      },
      sv: {
        subject: `Utlysningen har stängt: ${p.applicationTitle} bedöms`,
        body: `Utlysningen "${title}" har stängt. Ansökan "${p.applicationTitle}" har gått vidare till bedömning.`,
      },
      en: {
        subject: `Call closed: ${p.applicationTitle} is in review`,
        body: `The call "${title}" has closed. The application "${p.applicationTitle}" is now in review.`,
      },
    };
    return texts[lang];
  },

  applicationExpired(p: { applicationTitle: string; callTitle: Localized }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const name = p.applicationTitle || '—';
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Hakemusta ei lähetetty: ${name}`,
        body: `Haku "${title}" päättyi ennen kuin hakemus "${name}" lähetettiin. Luonnos on vanhentunut.`,
      },
      sv: {
        subject: `Ansökan skickades inte: ${name}`,
        body: `Utlysningen "${title}" stängde innan ansökan "${name}" skickades in. Utkastet har gått ut.`,
      },
      en: {
        subject: `Application not submitted: ${name}`,
        body: `The call "${title}" closed before the application "${name}" was submitted. The draft has expired.`,
      },
    };
    return texts[lang];
  },

  callClosedSummary(p: { callTitle: Localized; inReview: number; expired: number; withdrawn: number }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Haku päättyi: ${title}`,
        body: `Haku "${title}" on päättynyt. Arviointiin: ${p.inReview}. Vanhentuneita luonnoksia: ${p.expired}. Peruttuja: ${p.withdrawn}.`,
      },
      sv: {
        subject: `Utlysningen har stängt: ${title}`,
        body: `Utlysningen "${title}" har stängt. Till bedömning: ${p.inReview}. Utgångna utkast: ${p.expired}. Återtagna: ${p.withdrawn}.`,
      },
      en: {
        subject: `Call closed: ${title}`,
        body: `The call "${title}" has closed. In review: ${p.inReview}. Expired drafts: ${p.expired}. Withdrawn: ${p.withdrawn}.`,
      },
    };
    return texts[lang];
  },

  decisionFunded(p: { applicationTitle: string; callTitle: Localized; granted: number; rationale: string }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const amount = euros(p.granted, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Myönteinen päätös: ${p.applicationTitle}`,
        body: `Hakemukselle "${p.applicationTitle}" haussa "${title}" on myönnetty ${amount}. Perustelu: ${p.rationale}`,
      },
      sv: {
        subject: `Positivt beslut: ${p.applicationTitle}`,
        body: `Ansökan "${p.applicationTitle}" i "${title}" har beviljats ${amount}. Motivering: ${p.rationale}`,
      },
      en: {
        subject: `Funded: ${p.applicationTitle}`,
        body: `The application "${p.applicationTitle}" to "${title}" has been granted ${amount}. Rationale: ${p.rationale}`,
      },
    };
    return texts[lang];
  },

  decisionRejected(p: { applicationTitle: string; callTitle: Localized; rationale: string }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Kielteinen päätös: ${p.applicationTitle}`,
        body: `Hakemukselle "${p.applicationTitle}" haussa "${title}" ei myönnetty avustusta. Perustelu: ${p.rationale}`,
      },
      sv: {
        subject: `Negativt beslut: ${p.applicationTitle}`,
        body: `Ansökan "${p.applicationTitle}" i "${title}" beviljades inte understöd. Motivering: ${p.rationale}`,
      },
      en: {
        subject: `Not funded: ${p.applicationTitle}`,
        body: `The application "${p.applicationTitle}" to "${title}" was not funded. Rationale: ${p.rationale}`,
      },
    };
    return texts[lang];
  },

  /** A decision document is ready to read (issue 20); `acceptanceLastDay` (d.m.yyyy) for a grant to accept or refuse. */
  decisionDocumentReady(
    p: { applicationTitle: string; callTitle: Localized; caseNumber: string; version: number; acceptanceLastDay: string | null },
    lang: Language,
  ): Message {
    const title = pick(p.callTitle, lang);
    const corrected = p.version > 1;
    const texts: Record<Language, Message> = {
      fi: {
        subject: `${corrected ? 'Oikaistu päätösasiakirja' : 'Päätösasiakirja'} valmis: ${p.applicationTitle} (${p.caseNumber})`,
        body:
          `Hakemuksen "${p.applicationTitle}" (haku "${title}") ${corrected ? `oikaistu päätösasiakirja (versio ${p.version})` : 'päätösasiakirja'} on luettavissa Avustuksessa.` +
          (p.acceptanceLastDay
            ? ` Ilmoita avustuksen vastaanottamisesta tai siitä kieltäytymisestä viimeistään ${p.acceptanceLastDay}.`
            : '') +
          ' Päätökseen voi hakea oikaisua 30 päivän kuluessa tiedoksisaannista; ohje on päätöksessä.',
      },
      sv: {
        subject: `${corrected ? 'Rättat beslutsdokument' : 'Beslutsdokument'} klart: ${p.applicationTitle} (${p.caseNumber})`,
        body:
          `${corrected ? `Det rättade beslutsdokumentet (version ${p.version})` : 'Beslutsdokumentet'} för ansökan "${p.applicationTitle}" (utlysningen "${title}") kan läsas i Avustus.` +
          (p.acceptanceLastDay ? ` Meddela senast ${p.acceptanceLastDay} att understödet tas emot eller avböjs.` : '') +
          ' Omprövning av beslutet kan begäras inom 30 dagar från delfåendet; anvisningen finns i beslutet.',
      },
      en: {
        subject: `${corrected ? 'Corrected decision document' : 'Decision document'} ready: ${p.applicationTitle} (${p.caseNumber})`,
        body:
          `The ${corrected ? `corrected decision document (version ${p.version})` : 'decision document'} of the application "${p.applicationTitle}" to "${title}" can be read in Avustus (in Finnish).` +
          (p.acceptanceLastDay ? ` Accept or refuse the grant by ${p.acceptanceLastDay}.` : '') +
          ' A request for correction may be made within 30 days of notification; the instructions are in the decision.',
      },
    };
    return texts[lang];
  },

  /** The lead organisation accepted its grant (issue 20): to the lead and the officers. */
  grantAccepted(p: { applicationTitle: string; organizationName: string; callTitle: Localized }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Avustus vastaanotettu: ${p.applicationTitle}`,
        body: `${p.organizationName} on ottanut vastaan hakemuksen "${p.applicationTitle}" (haku "${title}") avustuksen.`,
      },
      sv: {
        subject: `Understödet har tagits emot: ${p.applicationTitle}`,
        body: `${p.organizationName} har tagit emot understödet för ansökan "${p.applicationTitle}" (utlysningen "${title}").`,
      },
      en: {
        subject: `Grant accepted: ${p.applicationTitle}`,
        body: `${p.organizationName} has accepted the grant for the application "${p.applicationTitle}" to "${title}".`,
      },
    };
    return texts[lang];
  },

  /** The lead organisation refused its grant, with its reason (issue 20): to the lead and the officers. */
  grantRefused(p: { applicationTitle: string; organizationName: string; callTitle: Localized; reason: string }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Avustuksesta kieltäydytty: ${p.applicationTitle}`,
        body: `${p.organizationName} on kieltäytynyt hakemuksen "${p.applicationTitle}" (haku "${title}") avustuksesta. Perustelu: ${p.reason} Avustuksen paikka ja määräraha vapautuivat varasijalle.`,
      },
      sv: {
        subject: `Understödet har avböjts: ${p.applicationTitle}`,
        body: `${p.organizationName} har avböjt understödet för ansökan "${p.applicationTitle}" (utlysningen "${title}"). Motivering: ${p.reason} Platsen och anslaget har frigjorts för reservlistan.`,
      },
      en: {
        subject: `Grant refused: ${p.applicationTitle}`,
        body: `${p.organizationName} has refused the grant for the application "${p.applicationTitle}" to "${title}". Reason: ${p.reason} The slot and the money are free for the reserve list.`,
      },
    };
    return texts[lang];
  },

  /** The acceptance deadline is near (issue 20): to the lead organisation. `lastDay` as d.m.yyyy. */
  acceptanceDeadlineNear(p: { applicationTitle: string; callTitle: Localized; lastDay: string }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Muistutus: ilmoita avustuksen vastaanottamisesta ${p.lastDay} mennessä: ${p.applicationTitle}`,
        body: `Hakemuksen "${p.applicationTitle}" (haku "${title}") avustuksen voi ottaa vastaan tai siitä voi kieltäytyä Avustuksessa viimeistään ${p.lastDay}. Jos ette ilmoita mitään, avustus katsotaan vastaanotetuksi.`,
      },
      sv: {
        subject: `Påminnelse: meddela senast ${p.lastDay} om understödet tas emot: ${p.applicationTitle}`,
        body: `Understödet för ansökan "${p.applicationTitle}" (utlysningen "${title}") kan tas emot eller avböjas i Avustus senast ${p.lastDay}. Om ni inte meddelar något anses understödet mottaget.`,
      },
      en: {
        subject: `Reminder: accept or refuse the grant by ${p.lastDay}: ${p.applicationTitle}`,
        body: `The grant for the application "${p.applicationTitle}" to "${title}" can be accepted or refused in Avustus until ${p.lastDay}. Without an answer the grant counts as accepted.`,
      },
    };
    return texts[lang];
  },

  /** The acceptance deadline passed without an answer: the grant counts as accepted (issue 20). */
  grantAcceptedBySilence(p: { applicationTitle: string; callTitle: Localized }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Avustus katsottu vastaanotetuksi: ${p.applicationTitle}`,
        body: `Hakemuksen "${p.applicationTitle}" (haku "${title}") avustuksen vastaanottamisen määräaika päättyi ilman ilmoitusta, joten avustus katsotaan vastaanotetuksi.`,
      },
      sv: {
        subject: `Understödet anses mottaget: ${p.applicationTitle}`,
        body: `Tidsfristen för att ta emot understödet för ansökan "${p.applicationTitle}" (utlysningen "${title}") gick ut utan meddelande, så understödet anses mottaget.`,
      },
      en: {
        subject: `Grant deemed accepted: ${p.applicationTitle}`,
        body: `The deadline to answer for the grant of the application "${p.applicationTitle}" to "${title}" passed without an answer, so the grant counts as accepted.`,
      },
    };
    return texts[lang];
  },

  reportReminder(p: { projectName: string; type: string; dueAt: Date; zone: string }, lang: Language): Message {
    const when = formatInstant(p.dueAt, p.zone, lang);
    const kind = {
      fi: { interim: 'väliselvitys', final: 'loppuselvitys' },
      sv: { interim: 'mellanredovisning', final: 'slutredovisning' },
      en: { interim: 'interim report', final: 'final report' },
    }[lang][p.type as 'interim' | 'final'];
    const texts: Record<Language, Message> = {
      fi: { subject: `Muistutus: ${kind} erääntyy ${when}`, body: `Hankkeen "${p.projectName}" ${kind} on jätettävä viimeistään ${when}.` },
      sv: {
        subject: `Påminnelse: ${kind} ska lämnas senast ${when}`,
        body: `Projektets "${p.projectName}" ${kind} ska lämnas senast ${when}.`,
      },
      en: { subject: `Reminder: ${kind} due ${when}`, body: `The ${kind} of the project "${p.projectName}" is due ${when}.` },
    };
    return texts[lang];
  },

  reportOverdue(p: { projectName: string; type: string }, lang: Language): Message {
    const kind = {
      fi: { interim: 'Väliselvitys', final: 'Loppuselvitys' },
      sv: { interim: 'Mellanredovisningen', final: 'Slutredovisningen' },
      en: { interim: 'The interim report', final: 'The final report' },
    }[lang][p.type as 'interim' | 'final'];
    const texts: Record<Language, Message> = {
      fi: {
        subject: `${kind} myöhässä: ${p.projectName}`,
        body: `${kind} hankkeelta "${p.projectName}" ei ole saapunut määräaikaan mennessä.`,
      },
      sv: { subject: `${kind} är försenad: ${p.projectName}`, body: `${kind} för projektet "${p.projectName}" har inte kommit in i tid.` },
      en: {
        subject: `${kind} is overdue: ${p.projectName}`,
        body: `${kind} of the project "${p.projectName}" was not in by its due date.`,
      },
    };
    return texts[lang];
  },

  announcement(p: { subject: string; body: string; callTitle: Localized }, lang: Language): Message {
    return { subject: `[${pick(p.callTitle, lang)}] ${p.subject}`, body: p.body };
  },

  /** To a reviewer given applications to review (one message per assignment request, by hand or automatic). */
  reviewAssigned(
    p: { callTitle: Localized; applicationTitles: string[]; reviewsDueAt: Date | null; zone: string },
    lang: Language,
  ): Message {
    const title = pick(p.callTitle, lang);
    const n = p.applicationTitles.length;
    const shown = p.applicationTitles.slice(0, 20).map((t) => `- ${t}`);
    const more = n - shown.length;
    const when = p.reviewsDueAt ? formatInstant(p.reviewsDueAt, p.zone, lang) : null;
    const list = (rest: string) => [...shown, ...(more > 0 ? [rest] : [])].join('\n');
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Arvioitavaksi ${n === 1 ? 'hakemus' : `${n} hakemusta`}: ${title}`,
        body:
          `Teille on osoitettu arvioitavaksi ${n === 1 ? 'hakemus' : `${n} hakemusta`} haussa "${title}":\n${list(`- ja ${more} muuta`)}\n\n` +
          (when ? `Arvioinnit on lähetettävä viimeistään ${when}.` : 'Arviointien määräaika ilmoitetaan myöhemmin.'),
      },
      sv: {
        subject: `${n === 1 ? 'En ansökan' : `${n} ansökningar`} att bedöma: ${title}`,
        body:
          `Ni har fått ${n === 1 ? 'en ansökan' : `${n} ansökningar`} att bedöma i utlysningen "${title}":\n${list(`- och ${more} till`)}\n\n` +
          (when ? `Bedömningarna ska lämnas senast ${when}.` : 'Tidsfristen för bedömningarna meddelas senare.'),
      },
      en: {
        subject: `${n === 1 ? 'An application' : `${n} applications`} to review: ${title}`,
        body:
          `You have been assigned ${n === 1 ? 'an application' : `${n} applications`} to review in the call "${title}":\n${list(`- and ${more} more`)}\n\n` +
          (when ? `The reviews are due ${when}.` : 'The due date of the reviews will be announced later.'),
      },
    };
    return texts[lang];
  },

  /** To a reviewer with reviews not yet submitted, `daysBefore` days before they are due. */
  reviewReminder(p: { callTitle: Localized; reviewsDueAt: Date; zone: string; unsubmitted: number }, lang: Language): Message {
    const title = pick(p.callTitle, lang);
    const when = formatInstant(p.reviewsDueAt, p.zone, lang);
    const n = p.unsubmitted;
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Muistutus: arvioinnit haussa "${title}" on lähetettävä ${when} mennessä`,
        body: `Teiltä puuttuu ${n === 1 ? 'yksi lähettämätön arviointi' : `${n} lähettämätöntä arviointia`} haussa "${title}". Arvioinnit on lähetettävä viimeistään ${when}.`,
      },
      sv: {
        subject: `Påminnelse: bedömningarna i "${title}" ska lämnas senast ${when}`,
        body: `Ni har ${n === 1 ? 'en bedömning' : `${n} bedömningar`} som inte har skickats in i utlysningen "${title}". Bedömningarna ska lämnas senast ${when}.`,
      },
      en: {
        subject: `Reminder: reviews for "${title}" are due ${when}`,
        body: `You have ${n === 1 ? 'one unsubmitted review' : `${n} unsubmitted reviews`} in the call "${title}". The reviews are due ${when}.`,
      },
    };
    return texts[lang];
  },

  joinRequested(p: { projectName: string; organizationName: string; message: string }, lang: Language): Message {
    const quoted = p.message.trim() ? `\n\n"${p.message.trim()}"` : '';
    const texts: Record<Language, Message> = {
      fi: {
        subject: `Liittymispyyntö verkostohankkeeseen ${p.projectName}`,
        body: `${p.organizationName} pyytää päästä mukaan verkostohankkeeseen "${p.projectName}". Hyväksykää tai hylätkää pyyntö hankkeen sivulla.${quoted}`,
      },
      sv: {
        subject: `Begäran om att ansluta till nätverksprojektet ${p.projectName}`,
        body: `${p.organizationName} ber att få ansluta till nätverksprojektet "${p.projectName}". Godkänn eller avslå begäran på projektets sida.${quoted}`,
      },
      en: {
        subject: `Request to join the network project ${p.projectName}`,
        body: `${p.organizationName} asks to join the network project "${p.projectName}". Approve or decline the request on the project's page.${quoted}`,
      },
    };
    return texts[lang];
  },

  joinDecided(p: { projectName: string; approved: boolean }, lang: Language): Message {
    const texts: Record<Language, Message> = p.approved
      ? {
          fi: {
            subject: `Liittymispyyntö hyväksytty: ${p.projectName}`,
            body: `Organisaationne on nyt mukana verkostohankkeessa "${p.projectName}".`,
          },
          sv: {
            subject: `Begäran om anslutning godkänd: ${p.projectName}`,
            body: `Er organisation deltar nu i nätverksprojektet "${p.projectName}".`,
          },
          en: {
            subject: `Join request approved: ${p.projectName}`,
            body: `Your organisation is now in the network project "${p.projectName}".`,
          },
        }
      : {
          fi: {
            subject: `Liittymispyyntö hylätty: ${p.projectName}`,
            body: `Verkostohankkeen "${p.projectName}" vastuuorganisaatio ei hyväksynyt organisaationne liittymispyyntöä.`,
          },
          sv: {
            subject: `Begäran om anslutning avslagen: ${p.projectName}`,
            body: `Huvudorganisationen för nätverksprojektet "${p.projectName}" godkände inte er organisations begäran om anslutning.`,
          },
          en: {
            subject: `Join request declined: ${p.projectName}`,
            body: `The lead organisation of the network project "${p.projectName}" did not approve your organisation's request to join.`,
          },
        };
    return texts[lang];
  },
};
