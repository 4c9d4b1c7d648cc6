/** A centre's side of ombudsman oversight (its refusals, what its audit lines and timeline call things) and the checks on files between the two domains. */
export const npmCentre = {
  'error.npm.wrongFacility': 'Bu fayl başqa müəssisə üçün hazırlanıb.',
  'error.npm.otherOrganisation': 'Bu mərkəz artıq başqa ombudsman aparatına etibar edir; onun eyniləşdirmə faylı başqası ilə əvəz edilə bilməz.',
  'error.npm.unknownRecommendation': 'Fayl həmin səfər üzrə verilməmiş tövsiyəyə cavab verir.',
  'error.oversight.noOmbudsmanTrusted': 'Əvvəlcə ombudsman aparatının eyniləşdirmə faylını quraşdırın; o vaxta qədər onun faylları yoxlanıla bilməz.',
  'error.oversight.noResponses': 'Bu səfərin tövsiyələrinə hələ heç bir cavab qeydə alınmayıb.',

  'entity.oversight': 'Ombudsman nəzarəti',
  'entity.npm_recommendation': 'Ombudsman tövsiyəsi',
  'entity.npm_recommendations': 'Ombudsman tövsiyələri faylı',
  'event.oversight.ombudsmanTrusted': 'Ombudsman aparatı etibarlı kimi qəbul edildi',
  'event.oversight.recommendationsReceived': 'Tövsiyələr qəbul edildi',
  'event.oversight.responded': 'Tövsiyəyə cavab qeydə alındı',
} as const;
