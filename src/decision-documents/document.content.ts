import { DateTime } from 'luxon';
import { euros, Localized, pick } from '../notifications/templates';
import type { Instalment, PaymentTrigger } from './decision.rules';

/** Languages a decision document is written in; an organisation working in English gets Finnish (the official language). */
export const DOCUMENT_LANGUAGES = ['fi', 'sv'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export function documentLanguage(organizationLanguage: string): DocumentLanguage {
  return organizationLanguage === 'sv' ? 'sv' : 'fi';
}

/** Everything a decision document states, gathered from the call, the application and its decision. */
export interface DocumentFacts {
  language: DocumentLanguage;
  version: number;
  correctionReason: string | null;
  caseNumber: string;
  decidedAt: Date;
  zone: string;
  applicant: { name: string; businessId: string };
  callTitle: Localized;
  applicationTitle: string;
  purpose: string;
  outcome: 'funded' | 'rejected';
  /** Cents. */
  grantedAmount: number | null;
  requestedAmount: number;
  projectStart: string | null;
  projectEnd: string | null;
  rationale: string;
  conditions: string | null;
  reports: { type: string; dueAt: Date }[];
  schedule: Instalment[];
  /** ISO date of the last day to accept or refuse; funded decisions only. */
  acceptanceLastDay: string | null;
}

export interface DocumentSection {
  heading: string;
  paragraphs: string[];
}

export interface DocumentContent {
  language: DocumentLanguage;
  title: string;
  /** Label and value pairs of the heading block. */
  meta: [string, string][];
  sections: DocumentSection[];
  footer: string;
}

/** 1.1.2019, as Finns and Finland-Swedes write a date. */
export function finnishDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

function dayIn(at: Date, zone: string): string {
  return finnishDate(DateTime.fromJSDate(at, { zone }).toISODate() as string);
}

const MINISTRY: Record<DocumentLanguage, string> = {
  fi: 'Opetus- ja kulttuuriministeriö',
  sv: 'Undervisnings- och kulturministeriet',
};

const TRIGGER: Record<DocumentLanguage, Record<PaymentTrigger, string>> = {
  fi: {
    acceptance: 'kun avustuksen saaja on ilmoittanut vastaanottavansa avustuksen',
    interim_report_accepted: 'kun väliraportti on hyväksytty',
    final_report_accepted: 'kun loppuraportti on hyväksytty',
  },
  sv: {
    acceptance: 'när mottagaren har meddelat att understödet tas emot',
    interim_report_accepted: 'när mellanrapporten har godkänts',
    final_report_accepted: 'när slutrapporten har godkänts',
  },
};

const REPORT: Record<DocumentLanguage, Record<string, string>> = {
  fi: { interim: 'Väliraportti', final: 'Loppuraportti' },
  sv: { interim: 'Mellanrapport', final: 'Slutrapport' },
};

/** Percent as the languages write it: "33,33 %". */
function percent(share: number): string {
  return `${String(share).replace('.', ',')}\u00a0%`;
}

/** The appeal instructions (valtionavustuslaki 688/2001, § 34), in each language. */
export const APPEAL: Record<DocumentLanguage, DocumentSection> = {
  fi: {
    heading: 'Oikaisuvaatimusohje',
    paragraphs: [
      'Tähän päätökseen tyytymätön saa hakea siihen oikaisua valtionavustuslain (688/2001) 34 §:n mukaisesti tekemällä oikaisuvaatimuksen. Päätökseen ei saa hakea muutosta valittamalla.',
      'Oikaisuvaatimus on tehtävä kirjallisesti 30 päivän kuluessa päätöksen tiedoksisaannista. Oikaisuvaatimus osoitetaan opetus- ja kulttuuriministeriölle, ja se toimitetaan ministeriön kirjaamoon (opetus- ja kulttuuriministeriö, PL 29, 00023 Valtioneuvosto) ennen määräajan päättymistä.',
      'Oikaisuvaatimuksessa on ilmoitettava päätös, johon oikaisua vaaditaan, millaista oikaisua vaaditaan ja millä perusteilla sekä oikaisuvaatimuksen tekijän nimi ja yhteystiedot. Tiedoksisaannin katsotaan tapahtuneen, jollei muuta näytetä, kolmantena päivänä sähköisen viestin lähettämisestä (hallintolaki 434/2003, 59 §).',
    ],
  },
  sv: {
    heading: 'Anvisning för begäran om omprövning',
    paragraphs: [
      'Den som är missnöjd med detta beslut får begära omprövning av det enligt 34 § i statsunderstödslagen (688/2001). Ändring i beslutet får inte sökas genom besvär.',
      'Begäran om omprövning ska göras skriftligen inom 30 dagar från delfåendet av beslutet. Begäran om omprövning riktas till undervisnings- och kulturministeriet och lämnas till ministeriets registratorskontor (undervisnings- och kulturministeriet, PB 29, 00023 Statsrådet) innan tiden löper ut.',
      'I begäran om omprövning ska anges det beslut som omprövningen gäller, vilken omprövning som yrkas och på vilka grunder samt namnet på och kontaktuppgifterna till den som begär omprövning. Om inte något annat visas, anses delfåendet ha skett den tredje dagen efter att ett elektroniskt meddelande sändes (förvaltningslagen 434/2003, 59 §).',
    ],
  },
};

const LEGAL_BASIS: Record<DocumentLanguage, DocumentSection> = {
  fi: { heading: 'Sovelletut säännökset', paragraphs: ['Valtionavustuslaki (688/2001)', 'Hallintolaki (434/2003)'] },
  sv: { heading: 'Tillämpade bestämmelser', paragraphs: ['Statsunderstödslagen (688/2001)', 'Förvaltningslagen (434/2003)'] },
};

/** The decision document's text, section by section; the PDF and the HTML render this same content. */
export function documentContent(f: DocumentFacts): DocumentContent {
  const fi = f.language === 'fi';
  const l = f.language;
  const call = pick(f.callTitle, l);
  const funded = f.outcome === 'funded';
  const granted = funded ? euros(f.grantedAmount as number, l) : '';
  const title =
    (fi ? 'Valtionavustuspäätös' : 'Beslut om statsunderstöd') +
    (f.version > 1 ? (fi ? ` (oikaistu, versio ${f.version})` : ` (rättat, version ${f.version})`) : '');
  const meta: [string, string][] = [
    [fi ? 'Diaarinumero' : 'Diarienummer', f.caseNumber],
    [fi ? 'Päivämäärä' : 'Datum', dayIn(f.decidedAt, f.zone)],
    [fi ? 'Hakija' : 'Sökande', `${f.applicant.name} (${fi ? 'Y-tunnus' : 'FO-nummer'} ${f.applicant.businessId})`],
    [fi ? 'Haku' : 'Utlysning', call],
    [fi ? 'Hanke' : 'Projekt', f.applicationTitle],
  ];
  const sections: DocumentSection[] = [];
  if (f.correctionReason) {
    sections.push({
      heading: fi ? 'Oikaisu' : 'Rättelse',
      paragraphs: [
        fi
          ? `Tämä päätös korvaa saman asian aiemman version. Oikaisun syy: ${f.correctionReason}`
          : `Detta beslut ersätter den tidigare versionen i samma ärende. Orsak till rättelsen: ${f.correctionReason}`,
      ],
    });
  }
  sections.push({
    heading: fi ? 'Päätös' : 'Beslut',
    paragraphs: [
      funded
        ? fi
          ? `${MINISTRY.fi} myöntää hakijalle valtionavustusta enintään ${granted} hankkeeseen "${f.applicationTitle}".`
          : `${MINISTRY.sv} beviljar sökanden statsunderstöd på högst ${granted} för projektet "${f.applicationTitle}".`
        : fi
          ? `${MINISTRY.fi} ei myönnä hakijalle valtionavustusta hankkeeseen "${f.applicationTitle}".`
          : `${MINISTRY.sv} beviljar inte sökanden statsunderstöd för projektet "${f.applicationTitle}".`,
      `${fi ? 'Haettu avustus' : 'Ansökt understöd'}: ${euros(f.requestedAmount, l)}`,
      ...(funded ? [`${fi ? 'Myönnetty avustus' : 'Beviljat understöd'}: ${granted}`] : []),
    ],
  });
  sections.push({ heading: fi ? 'Perustelut' : 'Motivering', paragraphs: [f.rationale] });
  if (funded) {
    const period =
      f.projectStart && f.projectEnd
        ? `${finnishDate(f.projectStart)}–${finnishDate(f.projectEnd)}`
        : fi
          ? 'hakemuksen mukainen hankeaika'
          : 'projekttiden enligt ansökan';
    sections.push({
      heading: fi ? 'Avustuksen käyttötarkoitus ja käyttöaika' : 'Understödets användningsändamål och användningstid',
      paragraphs: [
        f.purpose || f.applicationTitle,
        fi ? `Avustus on käytettävä ajalla ${period}.` : `Understödet ska användas under tiden ${period}.`,
      ],
    });
    sections.push({
      heading: fi ? 'Avustuksen ehdot' : 'Villkor för understödet',
      paragraphs: [
        ...(f.conditions ? [f.conditions] : []),
        fi
          ? 'Avustusta saa käyttää vain päätöksen mukaiseen tarkoitukseen. Avustuksen saajan on noudatettava valtionavustuslakia (688/2001) ja annettava valtionapuviranomaiselle oikeat ja riittävät tiedot avustuksen käytöstä.'
          : 'Understödet får användas endast för det ändamål som anges i beslutet. Mottagaren ska iaktta statsunderstödslagen (688/2001) och ge statsbidragsmyndigheten riktiga och tillräckliga uppgifter om användningen av understödet.',
      ],
    });
    sections.push({
      heading: fi ? 'Raportointivelvollisuus' : 'Rapporteringsskyldighet',
      paragraphs:
        f.reports.length > 0
          ? f.reports.map((r) => `${REPORT[l][r.type] ?? r.type}: ${fi ? 'viimeistään' : 'senast'} ${dayIn(r.dueAt, f.zone)}`)
          : [fi ? 'Haku ei edellytä erillisiä raportteja.' : 'Utlysningen kräver inga separata rapporter.'],
    });
    sections.push({
      heading: fi ? 'Maksatus' : 'Utbetalning',
      paragraphs: f.schedule.map((i) =>
        fi
          ? `Erä ${i.number}: ${percent(i.share)}, ${euros(i.amount, l)}, ${TRIGGER.fi[i.trigger]}`
          : `Post ${i.number}: ${percent(i.share)}, ${euros(i.amount, l)}, ${TRIGGER.sv[i.trigger]}`,
      ),
    });
    const last = finnishDate(f.acceptanceLastDay as string);
    sections.push({
      heading: fi ? 'Avustuksen vastaanottaminen' : 'Mottagande av understödet',
      paragraphs: [
        fi
          ? `Avustuksen saajan on ilmoitettava avustuksen vastaanottamisesta tai siitä kieltäytymisestä viimeistään ${last}. Jos ilmoitusta ei ole tehty määräaikaan mennessä, avustus katsotaan vastaanotetuksi.`
          : `Mottagaren ska meddela att understödet tas emot eller att det avböjs senast ${last}. Om inget meddelande har lämnats inom utsatt tid anses understödet ha tagits emot.`,
      ],
    });
  }
  sections.push(LEGAL_BASIS[l], APPEAL[l]);
  return {
    language: l,
    title,
    meta,
    sections,
    footer: fi
      ? `${MINISTRY.fi} · ${f.caseNumber} · versio ${f.version} · Päätös on hyväksytty sähköisesti.`
      : `${MINISTRY.sv} · ${f.caseNumber} · version ${f.version} · Beslutet har godkänts elektroniskt.`,
  };
}
