/** The HQ console: facilities and devices, the compliance overview, and its refusals. */
export const hq = {
  'facilityKind.headquarters': 'Baş idarə',
  'error.hq.only': 'Bu görünüş yalnız baş idarənin konsolunda mövcuddur.',
  'error.hq.readOnly': 'Baş idarənin konsolu mərkəzlərin qeydə aldıqlarını göstərir; qeydlər mərkəzdə aparılır və düzəldilir.',
  'error.hq.setupFromShell': 'Baş idarənin konsolu brauzerdən deyil, serverdən qurulur (npm run hq:admin -- setup-console).',
  'error.hq.periodOrder': 'Dövrün sonu onun başlanğıcından əvvəl ola bilməz.',
} as const;
