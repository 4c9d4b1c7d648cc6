import type { LetterTemplate } from './schema';

/** Uzbek, Latin script: oʻ and gʻ with U+02BB, the tutuq belgisi with U+02BC. Draft until reviewed. */
export const uz: LetterTemplate = {
  id: 'rights-letter',
  language: 'uz',
  endonym: 'Oʻzbekcha',
  version: '2026-11-01',
  status: 'needs_legal_review',
  direction: 'ltr',
  title: 'Huquqlaringiz haqida maʼlumot',
  intro:
    '{name}, siz {date} kuni {facility} deb nomlangan muassasaga joylashtirildingiz. Ozarbayjon Respublikasi Migratsiya kodeksining 74.5-moddasiga muvofiq, sizga nima uchun ushlab turilganingiz va qanday huquqlaringiz borligi darhol aytilishi shart. Bu xat sizniki, u sizda qoladi.',
  items: {
    reasons: 'Siz ushlab turilishingiz sabablarini oʻzingiz tushunadigan tilda bilish huquqiga egasiz.',
    legal_basis_and_term: 'Siz bu yerga joylashtirilishingiz toʻgʻrisidagi qarorni, uning huquqiy asosini va muddatini koʻrish, muddat tugaganda esa ozod qilinish huquqiga egasiz.',
    legal_aid: 'Siz ushlab turilgan paytingizdan boshlab advokat yordamidan foydalanish huquqiga egasiz. Agar pul toʻlay olmasangiz, yuridik yordam bepul koʻrsatiladi (Konstitutsiyaning 61-moddasi).',
    interpreter: 'Siz bepul tarjimon yordamidan foydalanish huquqiga egasiz. Tarjimon siz qoʻrqadigan davlatning hokimiyat organlari bilan bogʻliq boʻlmasligi kerak.',
    consular:
      'Siz ushlab turilganingiz haqida konsulligingizga xabar berilishini soʻrashingiz yoki bundan voz kechishingiz mumkin. Agar siz boshpana soʻrayotgan boʻlsangiz yoki qochoq boʻlsangiz, roziligingizsiz konsulligingizga xabar berilmaydi.',
    asylum: 'Siz istalgan vaqtda, istalgan soʻzlar bilan va istalgan tilda boshpana soʻrash huquqiga egasiz. Arizangiz oʻsha kuniyoq tegishli organga yuboriladi.',
    complaint_and_appeal:
      'Siz sizga nisbatan qanday muomala qilinayotgani ustidan shikoyat qilish va siz haqingizdagi qarorlar ustidan shikoyat berish huquqiga egasiz. Buning uchun sizga hech qanday jazo berilmaydi.',
    medical: 'Siz kelganingizda tibbiy koʻrikdan oʻtish va shu yerda boʻlgan vaqtingizda tibbiy yordam olish huquqiga egasiz.',
    family_contact: 'Siz oila aʼzongizga yoki oʻzingiz tanlagan boshqa shaxsga qayerda ekanligingizni xabar qilish huquqiga egasiz.',
    ombudsman: 'Inson huquqlari boʻyicha vakil (ombudsman) istalgan vaqtda bu yerga kelib, siz bilan yakkama-yakka gaplashishi mumkin.',
  },
  closing: 'Agar bu xatda biror narsa tushunarsiz boʻlsa, uni tarjimon yordamida qaytadan tushuntirib berishlarini soʻrang.',
  labels: {
    person: 'Ism-familiya',
    birthDate: 'Tugʻilgan sana',
    nationality: 'Fuqarolik',
    facility: 'Markaz',
    date: 'Sana',
    signature: 'Shaxsning imzosi yoki belgisi',
    officer: 'Maʼlumotni bergan xodim',
    verify: 'Tekshirish kodi',
    draftWarning: 'TARJIMA LOYIHASI — huquqiy tekshiruv talab qilinadi. Ingliz yoki ozarbayjon tilidagi matn ustun hisoblanadi.',
  },
};
