import type { sync as en } from '../en/sync';

/** Экран синхронизации устройства, индикатор синхронизации в шапке и настройки синхронизации. */
export const sync: Record<keyof typeof en, string> = {
  'nav.sync': 'Синхронизация с центром',

  'set.group.sync': 'Синхронизация с центром',
  'set.autoSync': 'Синхронизировать автоматически, когда центр доступен',
  'set.autoSync.help': 'Если выключено: записи уходят, только когда кто-то нажмёт «Синхронизировать сейчас», или на съёмном носителе.',
  'set.syncIntervalMinutes': 'Автоматическая синхронизация каждые',
  'set.syncIntervalMinutes.help': 'После неудачной попытки повторяет раньше (30 с, 1 мин, 2 мин …), но не реже этого.',

  'sync.title': 'Синхронизация с центром',
  'sync.lead': 'Записи уходят в центральный аппарат (центр), как только есть связь. Без связи работа идёт как обычно и ничего не теряется: синхронизация догонит сама.',

  'sync.enroll.title': 'Подключить это устройство к центру',
  'sync.enroll.lead': 'Введите адрес центра и одноразовый код, выданный центром для этого учреждения. Каждый код действует один раз.',
  'sync.enroll.hqUrl': 'Адрес центра',
  'sync.enroll.hqUrl.hint': 'Например, https://hq.example.az',
  'sync.enroll.code': 'Код регистрации',
  'sync.enroll.submit': 'Зарегистрировать устройство',
  'sync.enroll.submitting': 'Регистрация…',
  'sync.enroll.done': 'Устройство зарегистрировано в центре для учреждения «{facility}».',
  'sync.enroll.askAdmin': 'Это устройство ещё не подключено к центру. Подключить его на этом экране может администратор или начальник центра.',

  'sync.status.title': 'Состояние',
  'sync.status.hq': 'Адрес центра',
  'sync.status.facility': 'Учреждение в центре',
  'sync.status.lastSuccess': 'Последняя успешная синхронизация',
  'sync.status.lastAttempt': 'Последняя попытка',
  'sync.status.never': 'Ни разу',
  'sync.status.pending': 'Ждут отправки',
  'sync.status.pendingValue': '{count, plural, =0 {Ничего — в центре есть всё} one {# запись} few {# записи} many {# записей} other {# записи}}',
  'sync.status.quarantined': 'Отложено',
  'sync.status.quarantinedValue':
    '{count, plural, =0 {Нет} one {# запись из центра, которую эта версия не может применить} few {# записи из центра, которые эта версия не может применить} many {# записей из центра, которые эта версия не может применить} other {# записи из центра, которые эта версия не может применить}}',
  'sync.status.next': 'Следующая автоматическая синхронизация',
  'sync.status.autoOff': 'Выключена (см. Настройки)',
  'sync.status.notPlanned': 'Не запланирована',
  'sync.status.running': 'Сейчас',

  'sync.offline': 'Центр недоступен — повторим автоматически.',
  'sync.offline.detail':
    'Без сети это нормально. Работа продолжается; {count, plural, =0 {ничего не ждёт отправки} one {# запись ждёт и уйдёт} few {# записи ждут и уйдут} many {# записей ждут и уйдут} other {# записи ждут и уйдут}}, когда центр станет доступен.',
  'sync.problem': 'Последняя синхронизация не завершилась.',
  'sync.skew':
    'Часы этого компьютера {direction, select, ahead {спешат} other {отстают}} относительно центра на {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}. Попросите администратора установить дату и время. На порядок записей это не влияет.',

  'sync.now': 'Синхронизировать сейчас',
  'sync.running': 'Синхронизация…',
  'sync.progress.label': 'Ход синхронизации',
  'sync.progress': 'Отправлено {pushed} из {toPush} · получено {pulled}',
  'sync.done':
    'Синхронизация завершена: {pushed, plural, =0 {отправлять было нечего} one {отправлена # запись} few {отправлено # записи} many {отправлено # записей} other {отправлено # записи}}, {pulled, plural, =0 {нового из центра нет} one {получена # запись} few {получено # записи} many {получено # записей} other {получено # записи}}.',

  'sync.history.title': 'Последние попытки',
  'sync.history.caption': '{count, plural, one {Последняя # попытка} few {Последние # попытки} many {Последние # попыток} other {Последние # попытки}}, новые сверху',
  'sync.history.empty': 'Синхронизация ещё не запускалась.',
  'sync.history.at': 'Время',
  'sync.history.trigger': 'Запуск',
  'sync.history.outcome': 'Итог',
  'sync.history.counts': 'Отправлено / получено',
  'sync.history.countsValue': '{pushed} / {pulled}',
  'sync.history.reason': 'Причина',
  'sync.history.action': 'Действие',
  'sync.trigger.manual': 'Вручную',
  'sync.trigger.auto': 'Автоматически',
  'sync.outcome.ok': 'Выполнено',
  'sync.outcome.offline': 'Нет связи',
  'sync.outcome.failed': 'Не удалось',
  'sync.retry': 'Повторить',

  'sync.dayEnd.title': 'Конец дня',
  'sync.dayEnd.lead': 'Спросить центр, есть ли у него всё, что записано на этом устройстве.',
  'sync.dayEnd.check': 'Сверить день с центром',
  'sync.dayEnd.checking': 'Сверка…',
  'sync.dayEnd.complete':
    'Полностью: в центре есть все {deviceSeq, plural, one {# запись} few {# записи} many {# записей} other {# записи}} этого устройства ({today, plural, =0 {сегодня ни одной} one {сегодня #} few {сегодня #} many {сегодня #} other {сегодня #}}).',
  'sync.dayEnd.incomplete': 'Не полностью: в центре нет записей {from}–{to} этого устройства. Синхронизируйте сейчас или доставьте их на съёмном носителе.',
  'sync.dayEnd.incompleteNoRange': 'Не полностью: в центре {hqSeq} из {deviceSeq} записей этого устройства. Синхронизируйте сейчас или доставьте остальное на съёмном носителе.',

  'sync.media.title': 'Съёмный носитель',
  'sync.media.lead':
    'Если сети нет совсем: выгрузите то, что центр ещё не получил, в зашифрованные подписанные файлы и перенесите их на USB-накопителе. Центр или другое устройство этого учреждения загрузит их с теми же проверками, что и при синхронизации.',
  'sync.media.export': 'Выгрузить файлы пакетов',
  'sync.media.exporting': 'Выгрузка…',
  'sync.media.exported':
    '{files, plural, =0 {Выгружать нечего: центр получил всё.} one {Готов # файл. Сохраните его на съёмный носитель:} few {Готовы # файла. Сохраните их на съёмный носитель:} many {Готовы # файлов. Сохраните их на съёмный носитель:} other {Готовы # файла. Сохраните их на съёмный носитель:}}',
  'sync.media.download': 'Сохранить {name}',
  'sync.media.fileEvents': '{count, plural, one {# запись} few {# записи} many {# записей} other {# записи}}',
  'sync.media.importTitle': 'Загрузить пакет',
  'sync.media.file': 'Файл пакета (.qeyd-bundle)',
  'sync.media.import': 'Загрузить пакет',
  'sync.media.importing': 'Загрузка…',
  'sync.media.chooseFirst': 'Сначала выберите файл пакета.',
  'sync.media.imported':
    'Загружено: {applied, plural, =0 {нового нет} one {# новая запись} few {# новые записи} many {# новых записей} other {# новой записи}}, уже были здесь: {skipped}, отложено: {quarantined}.',

  'sync.indicator.label': 'Синхронизация с центром: {state}',
  'sync.indicator.notEnrolled': 'Не подключено к центру',
  'sync.indicator.running': 'Синхронизация…',
  'sync.indicator.synced': 'Синхронизировано {ago}',
  'sync.indicator.justNow': 'Синхронизировано только что',
  'sync.indicator.never': 'Ещё не синхронизировано',
  'sync.indicator.offline': 'Нет связи',
  'sync.indicator.problem': 'Проблема синхронизации',
  'sync.indicator.waiting': '{count, plural, one {# ждёт} few {# ждут} many {# ждут} other {# ждут}}',
};
