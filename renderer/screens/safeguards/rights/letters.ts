import { useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../../core/fields';
import { api } from '../../../api';
import { languageLabel } from '../../../places';
import type { TemplateInfo } from '../shared';

export function useLetterTemplates() {
  return useQuery({ queryKey: ['letterTemplates'], queryFn: () => api.safeguards.letterTemplates({}), staleTime: Infinity });
}

/** A language's name as the officer reads it: the UI name, with the letter's own endonym where one exists. */
export function languageNamer(templates: readonly TemplateInfo[], locale: Locale) {
  return (code: string) => {
    const t = templates.find((x) => x.language === code);
    const ui = languageLabel(code, locale);
    return t && t.endonym !== ui ? `${ui} – \u2068${t.endonym}\u2069` : ui;
  };
}
