/** Interface strings. Keys are grouped by screen; every key must exist in az and ru too (a test checks). */
export const ui = {
  'app.title': 'Qeyd',
} as const;
