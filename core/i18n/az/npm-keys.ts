/** Mərkəz ilə ombudsman ofisi arasında açarların dəyişdirilməsi (docs/npm.md#key-rotation). */
export const npmKeys = {
  'error.npm.rotationUnknownSender': 'Bu açar dəyişikliyi bu quraşdırmanın tanımadığı ofisə və ya mərkəz cihazına aiddir. Əvvəlcə onun identifikasiya faylını əlavə edin. Heç nə dəyişdirilmədi.',
  'error.npm.rotationNotTrusted':
    'Bu açar dəyişikliyi bu göndərən üçün etibar etdiyiniz açarla imzalanmayıb, ona görə də etibarı ötürə bilməz. Heç nə dəyişdirilmədi. Göndərəndən telefonla açarının nə olduğunu soruşun.',
  'error.npm.rotationKeyReused': 'Bu açar dəyişikliyi artıq əvəz edilmiş açarı göstərir; əvəz edilmiş açara bir daha etibar edilmir. Heç nə dəyişdirilmədi.',
  'error.npm.retiredKey': 'Bu fayl {date} tarixində əvəz edilmiş açarla imzalanıb və ondan sonra hazırlanıb. Heç nə idxal edilmədi.',
  'error.npm.unknownKey': 'Fayl göndərən üçün sizdə olmayan açarla imzalanıb. Göndərən açarını dəyişibsə, əvvəlcə onun açar dəyişikliyi faylını qəbul edin. Heç nə idxal edilmədi.',
  'error.npm.noRotation': 'Təşkilatın açarı dəyişdirilməyib: açar dəyişikliyi faylı yoxdur.',
  'error.npm.keyFileOlder': 'Bu açar faylında təşkilatın artıq əvəz etdiyi açarlar var. Daha yeni açar faylını idxal edin. Heç nə dəyişdirilmədi.',

  'entity.npm_facility': 'Ofisin tanıdığı müəssisə',
  'event.npm.facilityKeyRotated': 'Mərkəz cihazının açarı dəyişdirildi',
  'event.oversight.ombudsmanKeyRotated': 'Ombudsman ofisinin açarı dəyişdirildi',
  'audit.action.npm.orgKeyRotated': 'Təşkilatın açarı dəyişdirildi',
  'audit.action.npm.deviceKeyRotated': 'Ombudsmana fayllar üçün açar dəyişdirildi',
  'audit.action.npm.keyRotationRefused': 'Açar dəyişikliyi rədd edildi',

  'rot.file': 'Açar dəyişikliyi faylı',
  'rot.check': 'Faylı yoxlayın',
  'rot.from': 'Açar dəyişikliyi: {name}',
  'rot.old': 'Hazırda etibar edilən açar',
  'rot.new': 'Yeni açar',
  'rot.at': 'Dəyişdirilib',
  'rot.compare': 'Qəbul etməzdən əvvəl yeni barmaq izini göndərənlə telefonla tutuşdurun.',
  'rot.accept': 'Yeni açarı qəbul et',
  'rot.cancel': 'Ləğv et',
  'rot.accepted': 'Bundan sonra yeni açara etibar edilir. Dəyişiklikdən sonra köhnə açarla imzalanmış fayllar rədd edilir.',
  'rot.already': 'Bu açar dəyişikliyi artıq qəbul edilib.',

  'vis.org.rotate.title': 'Təşkilatın açarını dəyişdirin',
  'vis.org.rotate.intro':
    'Yeni açarlar yaradır. Əvvəl möhürlənmiş qeydlər burada oxunaqlı qalır: köhnə möhürləmə açarı saxlanılır. Hər mərkəz yeni açarla imzalanmış faylları qəbul etməzdən əvvəl köhnə açarla imzalanmış açar dəyişikliyi faylını qəbul etməlidir.',
  'vis.org.rotate.button': 'Açarı dəyişdir',
  'vis.org.rotate.confirm': 'Təşkilatın yeni açarları indi yaradılsın? Komandanın digər noutbuklarına və ofisin konsoluna sonra yeni açar faylı lazım olacaq.',
  'vis.org.rotate.confirmButton': 'Bəli, açarı dəyişdir',
  'vis.org.rotate.done': 'Yeni açarlar yaradıldı ({old} → {new}). Açar dəyişikliyi faylı saxlanıldı: onu hər mərkəzə göndərin və digər noutbuklar üçün açar faylını yenidən ixrac edin.',
  'vis.org.rotate.again': 'Açar dəyişikliyi faylını yenidən yükləyin',
  'vis.org.retired': 'Əvvəlki qeydləri açmaq üçün saxlanılan əvəz edilmiş açarlar',
  'vis.org.retiredAt': '{at} əvəz edilib',
  'vis.fac.rotate.title': 'Mərkəz cihazının açar dəyişikliyi',
  'vis.fac.rotate.hint': 'Mərkəzin cihazlarından birinin açarını dəyişdikdən sonra göndərdiyi fayl.',

  'ovs.rotate.title': 'Ombudsman ofisinin açar dəyişikliyi',
  'ovs.rotate.hint': 'Ombudsman ofisinin açarını dəyişdikdən sonra göndərdiyi fayl.',
  'ovs.fileKey.title': 'Ofisə fayllar üçün açar',
  'ovs.fileKey.intro':
    'Bu cihaz ofis üçün reyestr çıxarışını və cavabları öz açarı ilə imzalayır. Noutbuk və ya onun surəti başqasının əlinə keçə bilərsə, açarı dəyişin; sonra ofis açar dəyişikliyi faylını qəbul etməlidir.',
  'ovs.fileKey.rotate': 'Bu cihazın açarını dəyişdir',
  'ovs.fileKey.confirm': 'Bu cihazın ombudsman ofisinə faylları üçün yeni açar yaradılsın? Ofis yeni açarla imzalanmış faylları qəbul etməzdən əvvəl açar dəyişikliyi faylını qəbul etməlidir.',
  'ovs.fileKey.confirmButton': 'Bəli, açarı dəyişdir',
  'ovs.fileKey.done': 'Yeni açar yaradıldı ({old} → {new}). Açar dəyişikliyi faylı saxlanıldı: onu ombudsman ofisinə göndərin.',
} as const;
