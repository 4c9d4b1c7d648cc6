import type { LetterTemplate } from './schema';

/** Turkish. Draft until reviewed. */
export const tr: LetterTemplate = {
  id: 'rights-letter',
  language: 'tr',
  endonym: 'Türkçe',
  version: '2026-11-01',
  status: 'needs_legal_review',
  direction: 'ltr',
  title: 'Haklarınız hakkında bilgilendirme',
  intro:
    "{name}, {date} tarihinde {facility} adlı merkeze yerleştirildiniz. Azerbaycan Cumhuriyeti Göç Kanunu'nun 74.5. maddesi uyarınca, neden tutulduğunuz ve haklarınızın neler olduğu size derhal bildirilmelidir. Bu mektup sizindir, yanınızda kalır.",
  items: {
    reasons: 'Tutulma nedenlerinizi anladığınız bir dilde öğrenme hakkınız vardır.',
    legal_basis_and_term: 'Buraya yerleştirilmenize ilişkin kararı, bu kararın hukuki dayanağını ve süresini görme hakkınız vardır. Süre bittiğinde serbest bırakılma hakkınız vardır.',
    legal_aid: "Tutulduğunuz andan itibaren avukattan yardım alma hakkınız vardır. Ücret ödeyemiyorsanız hukuki yardım ücretsizdir (Anayasa'nın 61. maddesi).",
    interpreter: 'Ücretsiz tercüman hakkınız vardır. Tercümanın, korktuğunuz ülkenin makamlarıyla hiçbir bağlantısı olmamalıdır.',
    consular: 'Tutulduğunuzun konsolosluğunuza bildirilmesini isteyebilir veya bunu reddedebilirsiniz. Sığınma talep ediyorsanız veya mülteciyseniz, onayınız olmadan konsolosluğunuza bilgi verilmez.',
    asylum: 'İstediğiniz zaman, istediğiniz sözlerle ve istediğiniz dilde sığınma talep etme hakkınız vardır. Talebiniz aynı gün ilgili makama iletilir.',
    complaint_and_appeal: 'Size yapılan muameleden şikâyet etme ve hakkınızdaki kararlara itiraz etme hakkınız vardır. Bunun için size hiçbir ceza verilemez.',
    medical: 'Geldiğinizde sağlık muayenesinden geçme ve burada kaldığınız sürece tıbbi bakım alma hakkınız vardır.',
    family_contact: 'Nerede olduğunuzu bir aile üyenize veya seçtiğiniz başka bir kişiye bildirme hakkınız vardır.',
    ombudsman: 'İnsan Hakları Komiseri (Ombudsman) istediği zaman buraya gelebilir ve sizinle baş başa görüşebilir.',
  },
  closing: 'Bu mektupta anlamadığınız bir şey olursa, bir tercüman yardımıyla yeniden açıklanmasını isteyin.',
  labels: {
    person: 'Adı soyadı',
    birthDate: 'Doğum tarihi',
    nationality: 'Uyruğu',
    facility: 'Merkez',
    date: 'Tarih',
    signature: 'Kişinin imzası veya işareti',
    officer: 'Bilgilendirmeyi yapan görevli',
    verify: 'Doğrulama kodu',
    draftWarning: 'TASLAK ÇEVİRİ — hukuki inceleme gerekir. İngilizce veya Azerbaycan Türkçesi metin esastır.',
  },
};
