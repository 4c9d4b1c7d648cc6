/** A centre's side of ombudsman oversight, and the checks on the files that pass between the two. */
export const oversight = {
  'error.npm.wrongFacility': 'Этот файл подготовлен для другого учреждения.',
  'error.npm.otherOrganisation': 'Этот центр уже доверяет другому аппарату омбудсмена; его файл удостоверения нельзя заменить другим.',
  'error.npm.unknownRecommendation': 'Файл отвечает на рекомендацию, которая по этому визиту не выдавалась.',
  'error.oversight.noOmbudsmanTrusted': 'Сначала установите файл удостоверения аппарата омбудсмена; до этого его файлы невозможно проверить.',
  'error.oversight.noResponses': 'На рекомендации по этому визиту ещё не записано ни одного ответа.',
} as const;
