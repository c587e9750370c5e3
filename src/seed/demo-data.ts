/**
 * Demo data from the source texts in ../shared/seeds: the 2018 call of seeds/003 (4 000 000 €,
 * closing 21.11.2018 Finnish time, six regional network projects plus one coordinator) with its
 * applications, and an open call built on the KOPA pilot call of seeds/001. Business IDs are
 * generated with a valid check digit; they are not the organisations' real ones.
 */
import type { OrganizationKind, Language } from '../identity/organization.entity';

export interface DemoOrg {
  key: string;
  name: string;
  kind: OrganizationKind;
  municipality: string;
  language: Language;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'okm', name: 'Opetus- ja kulttuuriministeriö', kind: 'authority', municipality: 'Helsinki', language: 'fi' },
  { key: 'oph', name: 'Opetushallitus', kind: 'authority', municipality: 'Helsinki', language: 'fi' },
  { key: 'kuntaliitto', name: 'Suomen Kuntaliitto ry', kind: 'third_sector', municipality: 'Helsinki', language: 'fi' },
  { key: 'turku', name: 'Turun kaupunki', kind: 'municipality', municipality: 'Turku', language: 'fi' },
  { key: 'tai', name: 'Turun ammatti-instituutti', kind: 'education_provider', municipality: 'Turku', language: 'fi' },
  { key: 'salpaus', name: 'Koulutuskeskus Salpaus', kind: 'education_provider', municipality: 'Lahti', language: 'fi' },
  { key: 'omnia', name: 'Espoon seudun koulutuskuntayhtymä Omnia', kind: 'education_provider', municipality: 'Espoo', language: 'fi' },
  { key: 'tredu', name: 'Tampereen seudun ammattiopisto Tredu', kind: 'education_provider', municipality: 'Tampere', language: 'fi' },
  { key: 'gradia', name: 'Koulutuskuntayhtymä Gradia', kind: 'education_provider', municipality: 'Jyväskylä', language: 'fi' },
  { key: 'sakky', name: 'Savon koulutuskuntayhtymä', kind: 'education_provider', municipality: 'Kuopio', language: 'fi' },
  { key: 'osao', name: 'Oulun seudun ammattiopisto', kind: 'education_provider', municipality: 'Oulu', language: 'fi' },
  { key: 'redu', name: 'Lapin koulutuskeskus REDU', kind: 'education_provider', municipality: 'Rovaniemi', language: 'fi' },
  { key: 'prakticum', name: 'Yrkesinstitutet Prakticum', kind: 'education_provider', municipality: 'Helsingfors', language: 'sv' },
  { key: 'esedu', name: 'Etelä-Savon Koulutus Oy', kind: 'education_provider', municipality: 'Mikkeli', language: 'fi' },
  { key: 'salo', name: 'Salon kaupunki', kind: 'municipality', municipality: 'Salo', language: 'fi' },
];

export interface DemoUser {
  email: string;
  name: string;
  roles: ('admin' | 'reviewer' | 'applicant' | 'coordinator')[];
  org: string;
}

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS: DemoUser[] = [
  { email: 'marjatta.saisa@okm.demo', name: 'Marjatta Säisä', roles: ['admin'], org: 'okm' },
  { email: 'reviewer1@oph.demo', name: 'Arvioija Yksi', roles: ['reviewer'], org: 'oph' },
  { email: 'reviewer2@oph.demo', name: 'Arvioija Kaksi', roles: ['reviewer'], org: 'oph' },
  { email: 'reviewer3@kuntaliitto.demo', name: 'Essi Ratia', roles: ['reviewer'], org: 'kuntaliitto' },
  { email: 'paivi.lehtinen@tai.demo', name: 'Päivi Lehtinen', roles: ['applicant'], org: 'tai' },
  { email: 'paivi.saarelainen@salpaus.demo', name: 'Päivi Saarelainen', roles: ['applicant', 'coordinator'], org: 'salpaus' },
  { email: 'hakija@omnia.demo', name: 'Omnian hakija', roles: ['applicant'], org: 'omnia' },
  { email: 'hakija@tredu.demo', name: 'Tredun hakija', roles: ['applicant'], org: 'tredu' },
  { email: 'hakija@gradia.demo', name: 'Gradian hakija', roles: ['applicant'], org: 'gradia' },
  { email: 'hakija@sakky.demo', name: 'Sakkyn hakija', roles: ['applicant'], org: 'sakky' },
  { email: 'hakija@osao.demo', name: 'OSAOn hakija', roles: ['applicant'], org: 'osao' },
  { email: 'hakija@redu.demo', name: 'REDUn hakija', roles: ['applicant'], org: 'redu' },
  { email: 'sokande@prakticum.demo', name: 'Sökande Prakticum', roles: ['applicant'], org: 'prakticum' },
  { email: 'hakija@esedu.demo', name: 'Esedun hakija', roles: ['applicant'], org: 'esedu' },
  { email: 'hakija@turku.demo', name: 'Turun kaupungin hakija', roles: ['applicant'], org: 'turku' },
  { email: 'irmeli.myllymaki@kuntaliitto.demo', name: 'Irmeli Myllymäki', roles: ['applicant'], org: 'kuntaliitto' },
];

export const CALL_2018 = {
  key: 'call-2018',
  title: {
    fi: 'Ammatillisen koulutuksen osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen',
    sv: 'Ledning av kompetensbasering, kundrelationer och partnerskap inom yrkesutbildningen',
    en: 'Leading competence-based, customer and partnership work in vocational education',
  },
  description: {
    fi:
      'Ammatillisen koulutuksen järjestäjät voivat hakea valtionavustusta hankkeisiin, joissa kehitetään osaamisperusteisuuden, ' +
      'asiakkuuksien ja kumppanuuksien johtamista organisaatioiden eri tasoilla. Avustusta myönnetään enintään kuudelle alueelliselle ' +
      'verkostohankkeelle sekä verkostohankkeiden kokonaisuuden koordinaatioon. Keskeisiä kumppaneita ovat työ- ja elinkeinoelämä, ' +
      'opiskelijat ja kolmas sektori. Avustusta voi hakea 21.11.2018 mennessä.',
  },
  opensAt: '2018-10-22T09:00:00+03:00',
  // "21.11.2018 mennessä": the whole of 21 November, Finnish time, counts.
  closesAt: '2018-11-22T00:00:00+02:00',
  totalBudget: 400_000_000,
  categories: [
    { key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 6, maxAmount: null },
    { key: 'coordination', title: 'Verkostohankkeiden kokonaisuuden koordinaatio', maxFunded: 1, maxAmount: 40_000_000 },
  ],
  criteria: [
    { key: 'competence_based', title: 'Osaamisperusteisuuden johtaminen', weight: 3, maxScore: 5 },
    { key: 'customers', title: 'Asiakkuuksien johtaminen', weight: 2, maxScore: 5 },
    { key: 'partnerships', title: 'Kumppanuudet: työelämä, opiskelijat ja kolmas sektori', weight: 2, maxScore: 5 },
    { key: 'all_levels', title: 'Johtaminen kaikilla tasoilla: ylin johto, keskijohto, esimiehet', weight: 2, maxScore: 5 },
    { key: 'peer_learning', title: 'Yhdessä tekeminen ja vertaisoppiminen', weight: 1, maxScore: 5 },
  ],
  reviewsPerApplication: 3,
  eligibleKinds: ['education_provider'] as OrganizationKind[],
  minSelfFinancingPercent: 10,
  reportsDue: [
    { type: 'interim', dueAt: '2019-12-31T23:59:59+02:00' },
    { type: 'final', dueAt: '2021-03-31T23:59:59+03:00' },
  ],
};

export interface DemoApplication {
  key: string;
  lead: string;
  members: string[];
  category: string;
  title: string;
  region: string;
  requested: number;
  submittedAt: string;
}

export const APPLICATIONS_2018: DemoApplication[] = [
  {
    key: 'vs',
    lead: 'tai',
    members: ['turku', 'salo'],
    category: 'network_project',
    title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
    region: 'Varsinais-Suomi',
    requested: 62_000_000,
    submittedAt: '2018-11-21T15:42:10+02:00',
  },
  {
    key: 'ph',
    lead: 'salpaus',
    members: ['esedu'],
    category: 'network_project',
    title: 'Osaamisperusteinen johtaminen Päijät-Hämeessä ja Etelä-Savossa',
    region: 'Päijät-Häme',
    requested: 58_000_000,
    submittedAt: '2018-11-20T10:05:00+02:00',
  },
  {
    key: 'uusimaa',
    lead: 'omnia',
    members: ['prakticum'],
    category: 'network_project',
    title: 'Asiakkuudet keskiöön – Uudenmaan verkosto',
    region: 'Uusimaa',
    requested: 65_000_000,
    submittedAt: '2018-11-21T23:51:37+02:00',
  },
  {
    key: 'pirkanmaa',
    lead: 'tredu',
    members: [],
    category: 'network_project',
    title: 'Johtamisen uusi kulttuuri Pirkanmaalla',
    region: 'Pirkanmaa',
    requested: 55_000_000,
    submittedAt: '2018-11-19T13:20:00+02:00',
  },
  {
    key: 'ks',
    lead: 'gradia',
    members: ['sakky'],
    category: 'network_project',
    title: 'Työelämäkumppanuudet Keski- ja Itä-Suomessa',
    region: 'Keski-Suomi',
    requested: 60_000_000,
    submittedAt: '2018-11-21T11:11:11+02:00',
  },
  {
    key: 'pohjoinen',
    lead: 'osao',
    members: ['redu'],
    category: 'network_project',
    title: 'Pohjoisen verkosto: osaamisperusteisuus ja vertaisoppiminen',
    region: 'Pohjois-Pohjanmaa ja Lappi',
    requested: 57_000_000,
    submittedAt: '2018-11-21T22:30:00+02:00',
  },
  {
    key: 'svenska',
    lead: 'prakticum',
    members: [],
    category: 'network_project',
    title: 'Ledarskap för kompetensbasering i svenskspråkig yrkesutbildning',
    region: 'Svenskfinland',
    requested: 45_000_000,
    submittedAt: '2018-11-21T09:00:00+02:00',
  },
  {
    key: 'coord-salpaus',
    lead: 'salpaus',
    members: [],
    category: 'coordination',
    title: 'Verkostohankkeiden koordinaatio ja levittäminen',
    region: 'valtakunnallinen',
    requested: 35_000_000,
    submittedAt: '2018-11-21T12:00:00+02:00',
  },
  {
    key: 'coord-omnia',
    lead: 'omnia',
    members: [],
    category: 'coordination',
    title: 'Kansallinen koordinaatio: tiedonkulku ja toimintamallien levitys',
    region: 'valtakunnallinen',
    requested: 38_000_000,
    submittedAt: '2018-11-21T16:45:00+02:00',
  },
];

export const CALL_KOPA = {
  key: 'call-kopa',
  title: {
    fi: 'Koulutus palveluna – koulutuksen saatavuus ja saavutettavuus erilaistuvissa kunnissa (KOPA): aluepilotit',
    sv: 'Utbildning som tjänst – utbildningens tillgång och tillgänglighet i kommuner som blir allt olikare (KOPA): regionala piloter',
  },
  description: {
    fi:
      'Kehittämispiloteiksi toivotaan alueellisia, kunnista ja koulutuksen järjestäjistä koostuvia toimijaryhmiä, joilla on tarve ja valmius ' +
      'kehittää koulutuksen saatavuutta, saavutettavuutta ja laatua. Projektissa etsitään monia koulutusmuotoja sisältäviä tai kuntarajat ' +
      'ylittäviä toimintamalleja ja vastataan työelämän osaamistarpeisiin joustavilla koulutusratkaisuilla.',
  },
  totalBudget: 60_000_000,
  categories: [{ key: 'regional_pilot', title: 'Aluepilotti', maxFunded: 6, maxAmount: 12_000_000 }],
  criteria: [
    { key: 'needs', title: 'Alueen tarve ja valmius kehittämiseen', weight: 2, maxScore: 5 },
    { key: 'cross_border', title: 'Kuntarajat ja koulutusmuodot ylittävä yhteistyö', weight: 2, maxScore: 5 },
    { key: 'working_life', title: 'Työelämän osaamistarpeisiin vastaaminen', weight: 1, maxScore: 5 },
    { key: 'sustainability', title: 'Taloudellisesti kestävä malli', weight: 1, maxScore: 5 },
  ],
  reviewsPerApplication: 2,
  eligibleKinds: ['municipality', 'education_provider'] as OrganizationKind[],
  minSelfFinancingPercent: 20,
};

/** The finished practice of seeds/004 (Turku, 16.4.2021). */
export const TURKU_PRACTICE = {
  title: 'Työelämäkumppanuuksien kehittäminen eri tasoilla',
  needs:
    'Kehittämistyön perustaa tehtiin valtakunnallisissa Parasta hankkeissa. Taustalla ammatillisen koulutuksen uudistaminen ja ' +
    'työelämäyhteistyön systemaattisuuden parantaminen, myös organisaatiotasolla. Tavoitteena oli luoda mallia työelämäyhteistyölle, ' +
    'jossa tunnistetaan eritasoiset työelämän tarpeet ja vastataan niihin erilaisilla kumppanuuksilla.',
  solution:
    'Henkilöstöstä ja sidosryhmistä koottiin työpajoja, joissa tutustuttiin Parasta palvelua hankkeessa luotuun kumppanuusmalliin: arjen ' +
    'kumppanuus, kehittämiskumppanuus ja strateginen kumppanuus. Koulutusyksiköittäin lähdettiin toteuttamaan mallia ja luomaan uusia ' +
    'kumppanuuksia, erityisesti strategisessa kumppanuudessa.',
  results:
    'Strategisessa kumppanuudessa työpaikka ja oppilaitos miettivät yhdessä työpaikan kehittämis- ja tulevaisuustarpeita. Yritykset saavat ' +
    'osaavaa työvoimaa yhteiskehittämisen kautta, opiskelijat saavat työelämässä oppimista laadukkaasti ja työllistyvät. Toimintaa ' +
    'jatketaan ja laajennetaan uusille aloille sekä uusiin yrityksiin.',
  contacts: [{ name: 'Päivi Lehtinen', title: 'rehtori', email: 'paivi.lehtinen@turku.fi' }],
};

/**
 * A call closed two weeks ago and in review, built on Kuntaliitto's service promise to vocational
 * education providers (seeds/002): reviewers are assigned, some reviews are in, some not.
 */
export const CALL_REVIEW = {
  key: 'call-asiakkuustyo',
  title: {
    fi: 'Ammatillisen koulutuksen asiakkuustyö ja osaavan työvoiman saatavuus kunnissa',
    sv: 'Kundarbetet inom yrkesutbildningen och tillgången på kunnig arbetskraft i kommunerna',
  },
  description: {
    fi:
      'TE-palvelujen siirtyessä kunnille osaamisen kehittäminen korostuu. Avustusta myönnetään hankkeisiin, jotka tuovat yhteen ' +
      'kuntien työllisyys-, elinkeino- ja koulutuspolitiikan ja vastaavat paikallisesti ja joustavasti alueen osaavan työvoiman ' +
      'saatavuuden haasteisiin.',
  },
  totalBudget: 120_000_000,
  categories: [{ key: 'development', title: 'Kehittämishanke', maxFunded: 3, maxAmount: 40_000_000 }],
  criteria: [
    { key: 'customers', title: 'Asiakkuustyön vaikuttavuus', weight: 2, maxScore: 5 },
    { key: 'employment', title: 'Osaavan työvoiman saatavuus ja työllisyys', weight: 2, maxScore: 5 },
    { key: 'cooperation', title: 'Kuntien ja järjestäjien yhteistyö', weight: 1, maxScore: 5 },
  ],
  reviewsPerApplication: 2,
  eligibleKinds: ['education_provider', 'municipality'] as OrganizationKind[],
  minSelfFinancingPercent: 10,
};

export const APPLICATIONS_REVIEW: DemoApplication[] = [
  {
    key: 'review-omnia',
    lead: 'omnia',
    members: [],
    category: 'development',
    title: 'Työllisyyden kuntakokeilusta pysyvään asiakkuustyöhön Espoon seudulla',
    region: 'Espoon seutu',
    requested: 36_000_000,
    submittedAt: '',
  },
  {
    key: 'review-tredu',
    lead: 'tredu',
    members: [],
    category: 'development',
    title: 'Pirkanmaan osaajat: yritysasiakkuudet ja TE24',
    region: 'Pirkanmaa',
    requested: 30_000_000,
    submittedAt: '',
  },
  {
    key: 'review-gradia',
    lead: 'gradia',
    members: [],
    category: 'development',
    title: 'Keski-Suomen palvelulupaus työnantajille',
    region: 'Keski-Suomi',
    requested: 28_000_000,
    submittedAt: '',
  },
  {
    key: 'review-prakticum',
    lead: 'prakticum',
    members: [],
    category: 'development',
    title: 'Kundarbete på svenska i huvudstadsregionen',
    region: 'Huvudstadsregionen',
    requested: 20_000_000,
    submittedAt: '',
  },
];

/**
 * Kuntaliitto's 2024–2026 network (seeds/000): strategic partnership and ownership steering of
 * municipalities and vocational education providers. Still starting, so others can join.
 */
export const CALL_KUNTALIITTO = {
  key: 'call-kuntaliitto-2024',
  title: {
    fi: 'Kuntien ja ammatillisen koulutuksen järjestäjien strateginen kumppanuus ja omistajaohjaus 2024–2026',
    sv: 'Strategiskt partnerskap och ägarstyrning mellan kommuner och anordnare av yrkesutbildning 2024–2026',
  },
  description: {
    fi:
      'Hankkeen päätavoitteena on vahvistaa alueiden elinvoimaa ja hyödyntää ammatillista koulutusta tehokkaammin, erityisesti ' +
      'osaavan työvoiman saatavuuden helpottamiseksi ja työllisyysasteen nostamiseksi, sekä tiivistää ammatillisen koulutuksen ' +
      'järjestäjien ja omistajakuntien vuoropuhelua työvoimatarpeiden huomioon ottamisessa.',
  },
  opensAt: '2023-09-01T09:00:00+03:00',
  closesAt: '2023-10-31T16:15:00+02:00',
  totalBudget: 80_000_000,
  categories: [{ key: 'network_project', title: 'Valtakunnallinen verkostohanke', maxFunded: 1, maxAmount: null }],
  criteria: [
    { key: 'vitality', title: 'Alueiden elinvoima ja työllisyys', weight: 2, maxScore: 5 },
    { key: 'partnership', title: 'Strateginen kumppanuus ja omistajaohjaus', weight: 2, maxScore: 5 },
  ],
  reviewsPerApplication: 1,
  eligibleKinds: ['third_sector', 'municipality', 'education_provider'] as OrganizationKind[],
  minSelfFinancingPercent: 10,
  reportsDue: [{ type: 'final', dueAt: '2027-02-26T16:15:00+02:00' }],
};

export const APPLICATION_KUNTALIITTO: DemoApplication = {
  key: 'kuntaliitto-network',
  lead: 'kuntaliitto',
  members: ['turku', 'salpaus'],
  category: 'network_project',
  title:
    'Kuntien ja ammatillisen koulutuksen järjestäjien strategisella kumppanuudella ja omistajaohjauksella vahvistetaan kuntien elinvoimaa',
  region: 'Koko Suomi',
  requested: 72_000_000,
  submittedAt: '2023-10-30T14:05:00+02:00',
};
