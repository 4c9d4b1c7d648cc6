/** The HQ console: facilities and devices, the compliance overview, and its refusals. */
export const hq = {
  'facilityKind.headquarters': 'Центральный аппарат',
  'error.hq.only': 'Этот раздел есть только в консоли центрального аппарата.',
  'error.hq.readOnly': 'Консоль центрального аппарата показывает то, что записали центры; записи вносятся и исправляются в центре.',
  'error.hq.setupFromShell': 'Консоль центрального аппарата настраивается на сервере (npm run hq:admin -- setup-console), а не из браузера.',
  'error.hq.periodOrder': 'Конец периода не может быть раньше его начала.',
} as const;
