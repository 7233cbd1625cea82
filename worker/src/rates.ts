/**
 * Rates are judged as they are printed (two decimals): a clerk who sees 84,70% against a
 * target of 84,70% must read "đạt", not a hidden 84,6999…% miss.
 */
export const AS_PRINTED = { decimals: 2 } as const;
