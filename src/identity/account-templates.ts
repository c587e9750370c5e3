import type { Message } from '../notifications/templates';
import type { Language } from './organization.entity';

/** The password-reset e-mail, in the person's language. Pure: no I/O. */
export function passwordResetMessage(p: { name: string; link: string }, lang: Language): Message {
  const texts: Record<Language, Message> = {
    fi: {
      subject: 'Avustus: salasanan vaihtaminen',
      body:
        `Hei ${p.name},\n\nsalasanasi vaihtamista pyydettiin. Vaihda salasana tästä linkistä tunnin kuluessa:\n${p.link}\n\n` +
        'Linkki toimii kerran. Jos et pyytänyt vaihtoa, voit jättää viestin huomiotta: salasanasi pysyy ennallaan.',
    },
    sv: {
      subject: 'Avustus: byte av lösenord',
      body:
        `Hej ${p.name},\n\nnågon bad om att ditt lösenord ska bytas. Byt lösenordet via länken inom en timme:\n${p.link}\n\n` +
        'Länken fungerar en gång. Om du inte bad om bytet kan du lämna meddelandet utan åtgärd: ditt lösenord förblir oförändrat.',
    },
    en: {
      subject: 'Avustus: resetting your password',
      body:
        `Hello ${p.name},\n\na password reset was requested for your account. Choose a new password through this link within an hour:\n${p.link}\n\n` +
        'The link works once. If you did not ask for it, ignore this message: your password stays as it is.',
    },
  };
  return texts[lang];
}
