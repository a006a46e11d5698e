/**
 * A partial update as zod parses one: every field optional, and an absent field and an
 * `undefined` one both mean "unchanged" (Kysely leaves undefined values out of a `SET`). With
 * `exactOptionalPropertyTypes`, `Partial<T>` would refuse the `undefined` that zod's optional
 * fields carry.
 */
export type Changes<T> = { [K in keyof T]?: T[K] | undefined };
