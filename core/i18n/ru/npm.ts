/**
 * The ombudsman office's organisation keys, the centres it knows, and the rules of a visit: the errors
 * the backend answers with, the names of the visit events, and the response-period setting.
 */
export const npm = {
  'error.npm.onlyOmbudsman': 'Ключи организации хранит только установка аппарата омбудсмена.',
  'error.npm.orgExists': 'На этой установке ключи организации уже есть; они создаются один раз.',
  'error.npm.noOrganisation': 'Ключей организации на этой установке нет. Создайте их или импортируйте с другого ноутбука группы.',
  'error.npm.noPrivateKey': 'Эта установка не может открыть конфиденциальные сведения: закрытого ключа организации здесь нет.',
  'error.npm.badPassphrase': 'Парольная фраза не подходит к этому файлу ключа.',
  'error.npm.badFile': 'Qeyd не может прочитать этот файл, или он повреждён.',
  'error.npm.keyFileTooCostly':
    'Этот файл ключа требует для открытия гораздо больше вычислений, чем Qeyd когда-либо записывает, поэтому он не открыт: файл экспортирован не Qeyd или изменён. Ничего не импортировано.',
  'error.npm.fileEmpty': 'Выберите файл.',
  'error.npm.unknownSigner': 'Файл подписан учреждением или аппаратом, которых эта установка не знает. Сначала добавьте его файл удостоверения.',
  'error.npm.badSignature': 'Подпись не совпадает: файл изменён после подписания. Ничего не импортировано.',
  'error.npm.deviceKeyChanged': 'Устройство этого учреждения уже известно с другим ключом. Уточните у учреждения, прежде чем ему доверять.',
  'error.npm.unknownFacility': 'Выберите учреждение, известное аппарату (сначала добавьте его файл удостоверения).',
  'error.npm.consentScopeRequired': 'Укажите, на что человек дал согласие: выберите хотя бы один объём согласия.',
  'error.npm.groupSize': 'Укажите число участников группового интервью.',
  'error.visit.oneStepAtATime': 'Визит переходит вперёд только на один шаг за раз.',
  'error.visit.departureBeforeArrival': 'Время ухода должно быть позже времени прибытия.',
  'error.visit.movedBeforePrevious': 'Этот шаг не может быть раньше предыдущего.',
  'error.visit.notOnSite': 'Участки, журналы, интервью и выписки записываются на месте или во время итогового обсуждения.',
  'error.visit.findingsClosed': 'Выводы пишутся с итогового обсуждения до отправки доклада.',
  'error.visit.reportNotDrafted': 'Рекомендации отправляются после подготовки проекта доклада.',
  'error.visit.noFindings': 'Пока нет ни одного вывода для отправки.',
  'error.visit.followUpNeedsEarlierVisit': 'Повторный визит указывает более ранний визит в то же учреждение.',
  'error.visit.reprisalNotDue': 'Проверка на преследование проводится для людей, опрошенных во время более раннего визита в это учреждение.',
  'error.visit.recommendationNotHere': 'Эта рекомендация относится к другому учреждению или к этому же визиту.',
  'error.visit.recommendationNotIssued': 'Эта рекомендация не направлялась учреждению.',
  'error.visit.verifyNotOpen': 'Выполнение рекомендаций проверяется во время визита, до отправки доклада.',
  'error.visit.dueBeforeDeparture': 'Срок не может быть раньше окончания визита.',

  'event.npm.facilityAdded': 'Учреждение добавлено',
  'event.visit.planned': 'Визит запланирован',
  'event.visit.moved': 'Визит перешёл на следующий этап',
  'event.visit.areaObserved': 'Участок осмотрен',
  'event.visit.registerChecked': 'Журнал проверен',
  'event.visit.interviewed': 'Интервью записано',
  'event.visit.reprisalChecked': 'Проверка на преследование записана',
  'event.visit.extractImported': 'Выписка из журнала импортирована',
  'event.visit.findingAdded': 'Вывод добавлен',
  'event.visit.recommendationsIssued': 'Рекомендации направлены',
  'event.visit.responseRecorded': 'Ответ записан',
  'event.visit.recommendationVerified': 'Выполнение рекомендации проверено',

  'entity.visit': 'Визит омбудсмена',
  'entity.npm_org': 'Ключи организации омбудсмена',

  'set.group.npm': 'Визиты омбудсмена',
  'set.npmResponseDays': 'Срок ответа органа',
  'set.npmResponseDays.help': 'Срок по рекомендации отсчитывается от последнего дня визита.',
} as const;
