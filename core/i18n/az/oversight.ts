/** A centre's side of ombudsman oversight, and the checks on the files that pass between the two. */
export const oversight = {
  'error.npm.wrongFacility': 'Bu fayl başqa müəssisə üçün hazırlanıb.',
  'error.npm.otherOrganisation': 'Bu mərkəz artıq başqa ombudsman aparatına etibar edir; onun eyniləşdirmə faylı başqası ilə əvəz edilə bilməz.',
  'error.npm.unknownRecommendation': 'Fayl həmin səfər üzrə verilməmiş tövsiyəyə cavab verir.',
  'error.oversight.noOmbudsmanTrusted': 'Əvvəlcə ombudsman aparatının eyniləşdirmə faylını quraşdırın; o vaxta qədər onun faylları yoxlanıla bilməz.',
  'error.oversight.noResponses': 'Bu səfərin tövsiyələrinə hələ heç bir cavab qeydə alınmayıb.',
} as const;
