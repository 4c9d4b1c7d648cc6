/** Throttled sign-in, locked accounts and the side log of refused attempts (issue #10 §3). */
export const signIn = {
  'error.auth.locked':
    'Too many failed attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}, or ask an administrator to unlock the account.',
  'error.auth.slowDown': 'Too many failed attempts in a row. Wait {seconds, plural, one {# second} other {# seconds}} and try again.',
  'error.signIn.notLocked': 'That lock is no longer in force.',

  'set.signInMaxFailures': 'Failed sign-ins before a lock',
  'set.signInMaxFailures.help': 'Counted for each user name and for each window or browser; after each failure the next try waits a little longer.',
  'set.signInLockMinutes': 'Lock after too many failed sign-ins',
  'set.signInLockMinutes.help': 'During the lock even the right password is refused; an administrator can lift it under Users.',

  'audit.action.login.throttled': 'Sign-in refused: too many failed attempts',
  'audit.action.login.locked': 'Sign-in locked after failed attempts',
  'audit.action.recover.failed': 'Failed recovery with a wrong recovery key',
  'audit.action.recover.throttled': 'Recovery refused: too many failed attempts',
  'audit.action.recover.locked': 'Recovery locked after failed attempts',
  'audit.action.signIn.unlocked': 'Sign-in lock lifted by an administrator',
  'audit.action.signInLog.missing': 'Log of refused sign-ins missing: it was deleted',
  'audit.action.signInLog.broken': 'Log of refused sign-ins altered: lines were changed or removed',
  'audit.action.signInLog.truncated': 'Log of refused sign-ins cut short: its last lines were removed',
  'audit.action.signInLog.overflow': 'Log of refused sign-ins full: some attempts were only counted',

  'audit.bursts.title': 'Failed sign-ins',
  'audit.bursts.intro': 'Failed attempts for the same user name within ten minutes of each other are shown together.',
  'audit.bursts.line': '{count, plural, one {# failed sign-in} other {# failed sign-ins}} for “{username}” between {from} and {to}',
  'audit.bursts.empty': 'No failed sign-ins.',

  'users.lockouts.title': 'Locked sign-ins',
  'users.lockouts.intro': 'User names and windows locked after too many failed attempts. Unlock one only when you know who was trying.',
  'users.lockouts.empty': 'Nothing is locked.',
  'users.lockouts.caption': '{count, plural, one {# lock in force} other {# locks in force}}',
  'users.lockouts.col.name': 'Locked',
  'users.lockouts.col.purpose': 'For',
  'users.lockouts.col.failures': 'Failed attempts',
  'users.lockouts.col.until': 'Until',
  'users.lockouts.col.action': 'Action',
  'users.lockouts.subject.user': 'User name',
  'users.lockouts.subject.client': 'Window or browser',
  'users.lockouts.purpose.login': 'Sign-in',
  'users.lockouts.purpose.recover': 'Recovery key',
  'users.lockouts.unlock': 'Unlock {name}',
  'users.lockouts.unlocked': 'Unlocked {name}.',
};
