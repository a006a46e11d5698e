/**
 * A grant's category, as the ledger stores it and the admin API documents it. Here alone, with
 * no dependency, so that the admin schemas (which the dashboard's compiler also reads) take it.
 */
export const creditCategories = ['purchase', 'promotional'] as const;
export type CreditCategory = (typeof creditCategories)[number];
