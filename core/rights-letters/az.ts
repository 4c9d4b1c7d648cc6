import type { LetterTemplate } from './schema';

export const az: LetterTemplate = {
  id: 'rights-letter',
  language: 'az',
  endonym: 'Azərbaycanca',
  version: '2026-11-01',
  status: 'approved',
  direction: 'ltr',
  title: 'Hüquqlarınız barədə məlumat',
  intro:
    '{name}, siz {date} tarixində {facility} adlı müəssisəyə yerləşdirilmisiniz. Azərbaycan Respublikasının Miqrasiya Məcəlləsinin 74.5-ci maddəsinə əsasən sizə dərhal nə üçün saxlanıldığınız və hansı hüquqlarınızın olduğu bildirilməlidir. Bu məktub sizə verilir və sizdə qalır.',
  items: {
    reasons: 'Saxlanılmağınızın səbəblərini başa düşdüyünüz dildə bilmək hüququnuz var.',
    legal_basis_and_term: 'Yerləşdirilməniz barədə qərarı, onun hüquqi əsasını və müddətini görmək, müddət bitdikdə isə azad edilmək hüququnuz var.',
    legal_aid: 'Saxlanıldığınız andan vəkilin köməyindən istifadə etmək hüququnuz var. Ödəniş edə bilmirsinizsə, hüquqi yardım pulsuz göstərilir (Konstitusiyanın 61-ci maddəsi).',
    interpreter: 'Pulsuz tərcüməçinin köməyindən istifadə etmək hüququnuz var. Tərcüməçi qorxduğunuz ölkənin hakimiyyət orqanları ilə əlaqəli olmamalıdır.',
    consular:
      'Saxlanılmağınız barədə konsulluğunuza xəbər verilməsini xahiş edə və ya bundan imtina edə bilərsiniz. Sığınacaq istəyirsinizsə və ya qaçqınsınızsa, sizin razılığınız olmadan konsulluğunuza xəbər verilməyəcək.',
    asylum: 'İstənilən vaxt, istənilən sözlərlə və istənilən dildə sığınacaq istəmək hüququnuz var. Müraciətiniz elə həmin gün ötürüləcək.',
    complaint_and_appeal: 'Sizinlə necə rəftar edildiyindən şikayət etmək və sizə dair qərarlardan şikayət vermək hüququnuz var. Buna görə sizə heç bir cəza verilə bilməz.',
    medical: 'Gəldiyiniz zaman tibbi müayinədən keçmək və burada olduğunuz müddətdə tibbi yardım almaq hüququnuz var.',
    family_contact: 'Harada olduğunuzu ailə üzvünüzə və ya seçdiyiniz başqa bir şəxsə bildirmək hüququnuz var.',
    ombudsman: 'İnsan hüquqları üzrə müvəkkil (Ombudsman) istənilən vaxt bura gələ və sizinlə təkbətək danışa bilər.',
  },
  closing: 'Bu məktubda nə isə aydın deyilsə, onun tərcüməçinin köməyi ilə yenidən izah edilməsini xahiş edin.',
  labels: {
    person: 'Adı, soyadı',
    birthDate: 'Doğum tarixi',
    nationality: 'Vətəndaşlığı',
    facility: 'Mərkəz',
    date: 'Tarix',
    signature: 'Şəxsin imzası və ya işarəsi',
    officer: 'Məlumatı verən əməkdaş',
    verify: 'Yoxlama kodu',
    draftWarning: 'TƏRCÜMƏ LAYİHƏSİ — hüquqi yoxlama tələb olunur. İngilis və ya Azərbaycan dilindəki mətn üstün hesab edilir.',
  },
};
