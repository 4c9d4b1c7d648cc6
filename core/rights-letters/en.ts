import type { LetterTemplate } from './schema';

export const en: LetterTemplate = {
  id: 'rights-letter',
  language: 'en',
  endonym: 'English',
  version: '2026-11-01',
  status: 'approved',
  direction: 'ltr',
  title: 'Information on your rights',
  intro:
    '{name}, you have been placed in {facility} on {date}. Under Article 74.5 of the Migration Code of the Republic of Azerbaijan you must be told at once why you are held and what your rights are. This letter is yours to keep.',
  items: {
    reasons: 'You have the right to know the reasons for your detention, in a language you understand.',
    legal_basis_and_term: 'You have the right to see the decision on your placement, its legal basis and how long it lasts, and to be released when the term ends.',
    legal_aid: 'You have the right to a lawyer from the moment of detention. If you cannot pay, legal aid is free of charge (Article 61 of the Constitution).',
    interpreter: 'You have the right to a free interpreter. The interpreter must not be connected to the authorities of a country you fear.',
    consular: 'You may ask for your consulate to be told of your detention, or refuse it. If you are seeking asylum or are a refugee, your consulate will not be told without your consent.',
    asylum: 'You have the right to ask for asylum at any time, in any words and any language. Your request will be passed on the same day.',
    complaint_and_appeal: 'You have the right to complain about your treatment and to appeal against decisions about you, without any penalty.',
    medical: 'You have the right to a medical examination on arrival and to medical care while you are here.',
    family_contact: 'You have the right to tell a family member or another person of your choice where you are.',
    ombudsman: 'The Human Rights Commissioner (Ombudsman) may visit at any time and speak with you in private.',
  },
  closing: 'If anything in this letter is unclear, ask for it to be explained again with an interpreter.',
  labels: {
    person: 'Name',
    birthDate: 'Date of birth',
    nationality: 'Nationality',
    facility: 'Centre',
    date: 'Date',
    signature: 'Signature or mark of the person',
    officer: 'Officer who gave the information',
    verify: 'Verification code',
    draftWarning: 'DRAFT TRANSLATION — needs legal review. The English or Azerbaijani text prevails.',
  },
};
