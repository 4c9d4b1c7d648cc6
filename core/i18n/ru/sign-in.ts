/** Throttled sign-in, locked accounts and the side log of refused attempts (issue #10 §3). */
export const signIn = {
  'error.auth.locked':
    'Слишком много неудачных попыток. Повторите через {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}} или попросите администратора снять блокировку.',
  'error.auth.slowDown': 'Слишком много неудачных попыток подряд. Подождите {seconds, plural, one {# секунду} few {# секунды} many {# секунд} other {# секунды}} и повторите.',
  'error.signIn.notLocked': 'Эта блокировка уже не действует.',

  'set.signInMaxFailures': 'Неудачных входов до блокировки',
  'set.signInMaxFailures.help': 'Считается для каждого имени пользователя и для каждого окна или браузера; после каждой неудачи следующая попытка ждёт немного дольше.',
  'set.signInLockMinutes': 'Блокировка после многих неудачных входов',
  'set.signInLockMinutes.help': 'Во время блокировки отклоняется даже верный пароль; администратор может снять её в разделе «Пользователи».',

  'audit.action.login.throttled': 'Вход отклонён: слишком много неудачных попыток',
  'audit.action.login.locked': 'Вход заблокирован после неудачных попыток',
  'audit.action.recover.failed': 'Неудачное восстановление с неверным ключом восстановления',
  'audit.action.recover.throttled': 'Восстановление отклонено: слишком много неудачных попыток',
  'audit.action.recover.locked': 'Восстановление заблокировано после неудачных попыток',
  'audit.action.signIn.unlocked': 'Блокировка входа снята администратором',
  'audit.action.signInLog.missing': 'Журнал отклонённых входов отсутствует: он удалён',
  'audit.action.signInLog.broken': 'Журнал отклонённых входов изменён: строки изменены или удалены',
  'audit.action.signInLog.truncated': 'Журнал отклонённых входов укорочен: последние строки удалены',
  'audit.action.signInLog.overflow': 'Журнал отклонённых входов переполнен: часть попыток только подсчитана',

  'audit.bursts.title': 'Неудачные входы',
  'audit.bursts.intro': 'Неудачные попытки для одного имени пользователя, отстоящие друг от друга не более чем на десять минут, показаны вместе.',
  'audit.bursts.line': '{count, plural, one {# неудачный вход} few {# неудачных входа} many {# неудачных входов} other {# неудачного входа}} для «{username}» с {from} до {to}',
  'audit.bursts.empty': 'Неудачных входов нет.',

  'users.lockouts.title': 'Заблокированные входы',
  'users.lockouts.intro': 'Имена пользователей и окна, заблокированные после слишком многих неудачных попыток. Снимайте блокировку, только если знаете, кто пытался войти.',
  'users.lockouts.empty': 'Ничего не заблокировано.',
  'users.lockouts.caption': '{count, plural, one {# действующая блокировка} few {# действующие блокировки} many {# действующих блокировок} other {# действующей блокировки}}',
  'users.lockouts.col.name': 'Заблокировано',
  'users.lockouts.col.purpose': 'Для',
  'users.lockouts.col.failures': 'Неудачных попыток',
  'users.lockouts.col.until': 'До',
  'users.lockouts.col.action': 'Действие',
  'users.lockouts.subject.user': 'Имя пользователя',
  'users.lockouts.subject.client': 'Окно или браузер',
  'users.lockouts.purpose.login': 'Вход',
  'users.lockouts.purpose.recover': 'Ключ восстановления',
  'users.lockouts.unlock': 'Разблокировать {name}',
  'users.lockouts.unlocked': 'Блокировка {name} снята.',
};
