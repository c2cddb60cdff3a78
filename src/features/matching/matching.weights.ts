/** The reasons a leader is ranked for an enquiry, in the order the page explains them. */
export const COMPONENTS = ['specialism', 'phase', 'distance', 'capacity', 'history', 'priority'] as const;
export type Component = (typeof COMPONENTS)[number];

export type Weights = Record<Component, number> & { maxDistanceMiles: number };

/**
 * Specialism and phase fit matter most; then nearness and time to give; then continuity with a
 * school already supported and experience for priority schools. The alliance can change them.
 */
export const DEFAULT_WEIGHTS: Weights = {
  specialism: 40,
  phase: 15,
  distance: 20,
  capacity: 15,
  history: 5,
  priority: 5,
  maxDistanceMiles: 30,
};

export const COMPONENT_LABELS: Record<Component, string> = {
  specialism: 'Specialism fit',
  phase: 'Phase fit',
  distance: 'Distance',
  capacity: 'Release capacity left this year',
  history: 'Support already given to this school',
  priority: 'Priority school',
};
