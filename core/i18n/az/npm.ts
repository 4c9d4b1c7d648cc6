/**
 * The ombudsman office's organisation keys, the centres it knows, and the rules of a visit: the errors
 * the backend answers with, the names of the visit events, and the response-period setting.
 */
export const npm = {
  'error.npm.onlyOmbudsman': 'Təşkilat açarlarını yalnız ombudsman aparatının quraşdırması saxlayır.',
  'error.npm.orgExists': 'Bu quraşdırmada təşkilat açarları artıq var; onlar bir dəfə yaradılır.',
  'error.npm.noOrganisation': 'Təşkilat açarları bu quraşdırmada yoxdur. Onları yaradın və ya başqa qrup noutbukundan idxal edin.',
  'error.npm.noPrivateKey': 'Bu quraşdırma məxfi məzmunu aça bilməz: təşkilatın gizli açarı burada yoxdur.',
  'error.npm.badPassphrase': 'Parol bu açar faylını açmır.',
  'error.npm.badFile': 'Bu fayl Qeyd-in oxuya biləcəyi fayl deyil və ya zədələnib.',
  'error.npm.keyFileTooCostly':
    'Bu açar faylı açılmaq üçün Qeyd-in heç vaxt yazmadığı qədər çox iş tələb edir, ona görə açılmadı: fayl Qeyd tərəfindən ixrac edilməyib və ya dəyişdirilib. Heç nə idxal edilmədi.',
  'error.npm.fileEmpty': 'Fayl seçin.',
  'error.npm.unknownSigner': 'Fayl bu quraşdırmanın tanımadığı müəssisə və ya aparat tərəfindən imzalanıb. Əvvəlcə onun eyniləşdirmə faylını əlavə edin.',
  'error.npm.badSignature': 'İmza uyğun gəlmir: fayl imzalandıqdan sonra dəyişdirilib. Heç nə idxal edilmədi.',
  'error.npm.deviceKeyChanged': 'Bu müəssisənin cihazı artıq başqa açarla tanınır. Etibar etməzdən əvvəl müəssisə ilə yoxlayın.',
  'error.npm.unknownFacility': 'Aparatın tanıdığı müəssisəni seçin (əvvəlcə onun eyniləşdirmə faylını əlavə edin).',
  'error.npm.consentScopeRequired': 'Şəxsin nəyə icazə verdiyini qeyd edin: ən azı bir razılıq həcmi seçin.',
  'error.npm.groupSize': 'Qrup müsahibəsində iştirak edənlərin sayını göstərin.',
  'error.visit.oneStepAtATime': 'Səfər hər dəfə yalnız bir addım irəli keçir.',
  'error.visit.departureBeforeArrival': 'Ayrılma vaxtı gəliş vaxtından sonra olmalıdır.',
  'error.visit.movedBeforePrevious': 'Bu addım əvvəlkindən tez ola bilməz.',
  'error.visit.notOnSite': 'Sahələr, reyestrlər, müsahibələr və çıxarışlar yerində və ya yekun müzakirə zamanı qeyd olunur.',
  'error.visit.findingsClosed': 'Nəticələr yekun müzakirədən hesabat göndərilənədək yazılır.',
  'error.visit.reportNotDrafted': 'Tövsiyələr hesabat layihəsi hazır olduqdan sonra göndərilir.',
  'error.visit.noFindings': 'Göndəriləcək nəticə hələ yoxdur.',
  'error.visit.followUpNeedsEarlierVisit': 'Təkrar səfər eyni müəssisəyə edilmiş əvvəlki səfəri göstərməlidir.',
  'error.visit.reprisalNotDue': 'Təzyiq yoxlaması bu müəssisəyə əvvəlki səfərdə müsahibə alınmış şəxslər üçündür.',
  'error.visit.recommendationNotHere': 'Bu tövsiyə başqa müəssisəyə və ya elə bu səfərə aiddir.',
  'error.visit.recommendationNotIssued': 'Bu tövsiyə müəssisəyə heç vaxt göndərilməyib.',
  'error.visit.verifyNotOpen': 'Tövsiyələr səfər zamanı, hesabat göndərilməzdən əvvəl yoxlanılır.',
  'error.visit.dueBeforeDeparture': 'İcra tarixi səfərin bitməsindən əvvəl ola bilməz.',

  'event.npm.facilityAdded': 'Müəssisə əlavə edilib',
  'event.visit.planned': 'Səfər planlaşdırılıb',
  'event.visit.moved': 'Səfər növbəti mərhələyə keçib',
  'event.visit.areaObserved': 'Sahə müşahidə edilib',
  'event.visit.registerChecked': 'Reyestr yoxlanılıb',
  'event.visit.interviewed': 'Müsahibə qeydə alınıb',
  'event.visit.reprisalChecked': 'Təzyiq yoxlaması qeydə alınıb',
  'event.visit.extractImported': 'Reyestrdən çıxarış idxal edilib',
  'event.visit.findingAdded': 'Nəticə əlavə edilib',
  'event.visit.recommendationsIssued': 'Tövsiyələr göndərilib',
  'event.visit.responseRecorded': 'Cavab qeydə alınıb',
  'event.visit.recommendationVerified': 'Tövsiyənin icrası yoxlanılıb',

  'entity.visit': 'Ombudsman səfəri',
  'entity.npm_org': 'Ombudsman təşkilatının açarları',

  'set.group.npm': 'Ombudsman səfərləri',
  'set.npmResponseDays': 'Orqanın cavab müddəti',
  'set.npmResponseDays.help': 'Tövsiyənin icra tarixi səfərin son günündən hesablanır.',
} as const;
