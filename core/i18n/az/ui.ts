import type { ui as en } from '../en/ui';

export const ui: Record<keyof typeof en, string> = {
  'app.title': 'Qeyd',
};
