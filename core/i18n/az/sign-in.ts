/** Throttled sign-in, locked accounts and the side log of refused attempts (issue #10 §3). */
export const signIn = {
  'error.auth.locked':
    'Çox sayda uğursuz cəhd. {minutes, plural, one {# dəqiqə} other {# dəqiqə}} sonra yenidən cəhd edin və ya hesabın kilidini açmağı administratordan xahiş edin.',
  'error.auth.slowDown': 'Ardıcıl çox sayda uğursuz cəhd. {seconds, plural, one {# saniyə} other {# saniyə}} gözləyin və yenidən cəhd edin.',
  'error.signIn.notLocked': 'Bu kilid artıq qüvvədə deyil.',

  'set.signInMaxFailures': 'Kilidə qədər uğursuz giriş sayı',
  'set.signInMaxFailures.help': 'Hər istifadəçi adı və hər pəncərə və ya brauzer üçün ayrıca sayılır; hər uğursuz cəhddən sonra növbəti cəhd bir az daha gözləyir.',
  'set.signInLockMinutes': 'Çox sayda uğursuz girişdən sonra kilid',
  'set.signInLockMinutes.help': 'Kilid müddətində düzgün parol da rədd edilir; administrator onu «İstifadəçilər» bölməsində aça bilər.',

  'audit.action.login.throttled': 'Giriş rədd edildi: çox sayda uğursuz cəhd',
  'audit.action.login.locked': 'Uğursuz cəhdlərdən sonra giriş kilidləndi',
  'audit.action.recover.failed': 'Yanlış bərpa açarı ilə uğursuz bərpa',
  'audit.action.recover.throttled': 'Bərpa rədd edildi: çox sayda uğursuz cəhd',
  'audit.action.recover.locked': 'Uğursuz cəhdlərdən sonra bərpa kilidləndi',
  'audit.action.signIn.unlocked': 'Giriş kilidi administrator tərəfindən açıldı',
  'audit.action.signInLog.missing': 'Rədd edilmiş girişlərin jurnalı yoxdur: silinib',
  'audit.action.signInLog.broken': 'Rədd edilmiş girişlərin jurnalı dəyişdirilib: sətirlər dəyişdirilib və ya silinib',
  'audit.action.signInLog.truncated': 'Rədd edilmiş girişlərin jurnalı qısaldılıb: son sətirləri silinib',
  'audit.action.signInLog.overflow': 'Rədd edilmiş girişlərin jurnalı doludur: bəzi cəhdlər yalnız sayılıb',

  'audit.bursts.title': 'Uğursuz girişlər',
  'audit.bursts.intro': 'Eyni istifadəçi adı üçün bir-birindən on dəqiqə ərzində olan uğursuz cəhdlər birlikdə göstərilir.',
  'audit.bursts.line': '“{username}” üçün {from} ilə {to} arasında {count, plural, one {# uğursuz giriş} other {# uğursuz giriş}}',
  'audit.bursts.empty': 'Uğursuz giriş yoxdur.',

  'users.lockouts.title': 'Kilidlənmiş girişlər',
  'users.lockouts.intro': 'Çox sayda uğursuz cəhddən sonra kilidlənmiş istifadəçi adları və pəncərələr. Kilidi yalnız kimin cəhd etdiyini bildikdə açın.',
  'users.lockouts.empty': 'Heç nə kilidlənməyib.',
  'users.lockouts.caption': '{count, plural, one {Qüvvədə olan # kilid} other {Qüvvədə olan # kilid}}',
  'users.lockouts.col.name': 'Kilidlənən',
  'users.lockouts.col.purpose': 'Nə üçün',
  'users.lockouts.col.failures': 'Uğursuz cəhdlər',
  'users.lockouts.col.until': 'Bitmə vaxtı',
  'users.lockouts.col.action': 'Əməliyyat',
  'users.lockouts.subject.user': 'İstifadəçi adı',
  'users.lockouts.subject.client': 'Pəncərə və ya brauzer',
  'users.lockouts.purpose.login': 'Giriş',
  'users.lockouts.purpose.recover': 'Bərpa açarı',
  'users.lockouts.unlock': '{name} kilidini aç',
  'users.lockouts.unlocked': '{name} kilidi açıldı.',
};
