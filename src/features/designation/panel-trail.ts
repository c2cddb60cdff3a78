/** How a panel's trail names the fields its events record. */
export const PANEL_TRAIL_LABELS = {
  meetsOn: 'Meets on',
  hearing: 'Hears',
  note: 'Note',
  member: 'Member',
  chair: 'Chair',
  application: 'Application',
  reason: 'Reason',
};

/** How a panel's trail names what was done to it. */
export const PANEL_TRAIL_ACTIONS = {
  created: 'Panel created',
  'member-added': 'Member added',
  'member-removed': 'Member removed',
  'chair-chosen': 'Chair chosen',
  'application-added': 'Application added',
  'appeal-added': 'Appeal added',
  'conflict-declared': 'Conflict declared',
  'scores-saved': 'Scores saved',
};
