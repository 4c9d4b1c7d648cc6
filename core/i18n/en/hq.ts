/** The HQ console: facilities and devices, the compliance overview, and its refusals. */
export const hq = {
  'facilityKind.headquarters': 'Headquarters',
  'error.hq.only': 'This view exists only in the HQ console.',
  'error.hq.readOnly': 'The HQ console shows what the centres recorded; records are made and corrected at the centre.',
  'error.hq.setupFromShell': 'The HQ console is set up from the server (npm run hq:admin -- setup-console), not from a browser.',
  'error.hq.periodOrder': 'The end of the period must not be before its start.',
} as const;
