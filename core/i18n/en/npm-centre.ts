/** A centre's side of ombudsman oversight (its refusals, what its audit lines and timeline call things) and the checks on files between the two domains. */
export const npmCentre = {
  'error.npm.wrongFacility': 'This file was made for another facility.',
  'error.npm.otherOrganisation': 'This centre already trusts another ombudsman office; its identity file cannot be replaced by a different one.',
  'error.npm.unknownRecommendation': 'The file answers a recommendation that was not issued for that visit.',
  'error.oversight.noOmbudsmanTrusted': "Install the ombudsman office's identity file first; until then its files cannot be checked.",
  'error.oversight.noResponses': "No response has been recorded yet for this visit's recommendations.",

  'entity.oversight': 'Ombudsman oversight',
  'entity.npm_recommendation': 'Ombudsman recommendation',
  'entity.npm_recommendations': 'Ombudsman recommendations file',
  'event.oversight.ombudsmanTrusted': 'Ombudsman office trusted',
  'event.oversight.recommendationsReceived': 'Recommendations received',
  'event.oversight.responded': 'Response to a recommendation recorded',
} as const;
