/** The 120 centre's national targets (DOMAIN.md "The centre's own figures"): the one place they are written. */
export const CENTRE_TARGETS = {
  /** A call is answered within this many seconds of its first ring... */
  answerWithinSeconds: 10,
  /** ...for at least this share of calls offered. */
  answeredWithinPct: 95,
  /** The unit leaves (en route) within this many minutes of being assigned... */
  leaveWithinMinutes: 3,
  /** ...for at least this share of assignments. */
  leftWithinPct: 95,
  /** Average response time, call received to first unit on scene, in an urban town. */
  responseUrbanMinutes: 8,
  /** The same in a rural town. */
  responseRuralMinutes: 12,
  /** The stretcher is handed over within this many minutes of arriving at the ED... */
  handoverWithinMinutes: 30,
  /** ...for at least this share of handovers (a common offload standard). */
  handoverWithinPct: 90,
} as const;
