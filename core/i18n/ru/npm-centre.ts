/** A centre's side of ombudsman oversight (its refusals, what its audit lines and timeline call things) and the checks on files between the two domains. */
export const npmCentre = {
  'error.npm.wrongFacility': 'Этот файл подготовлен для другого учреждения.',
  'error.npm.otherOrganisation': 'Этот центр уже доверяет другому аппарату омбудсмена; его файл удостоверения нельзя заменить другим.',
  'error.npm.unknownRecommendation': 'Файл отвечает на рекомендацию, которая по этому визиту не выдавалась.',
  'error.oversight.noOmbudsmanTrusted': 'Сначала установите файл удостоверения аппарата омбудсмена; до этого его файлы невозможно проверить.',
  'error.oversight.noResponses': 'На рекомендации по этому визиту ещё не записано ни одного ответа.',

  'entity.oversight': 'Надзор омбудсмена',
  'entity.npm_recommendation': 'Рекомендация омбудсмена',
  'entity.npm_recommendations': 'Файл рекомендаций омбудсмена',
  'event.oversight.ombudsmanTrusted': 'Аппарат омбудсмена признан доверенным',
  'event.oversight.recommendationsReceived': 'Получены рекомендации',
  'event.oversight.responded': 'Записан ответ на рекомендацию',
} as const;
