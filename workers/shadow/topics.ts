/** The hook convention's topics (docs/shadow-hooks.md); the linter's shadow-hooks rule checks the same names. */
export const SHADOW_TOPICS = {
  open: 'seam-shadow-open',
  close: 'seam-shadow-close',
  expire: 'seam-shadow-expire',
} as const;
