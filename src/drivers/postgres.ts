import type pg from 'pg';

let loaded: Promise<typeof pg> | undefined;

/** The `pg` module, imported on first use: a gateway on SQLite never loads it. */
export function loadPg(): Promise<typeof pg> {
  loaded ??= import('pg').then(({ default: module }) => {
    // int8 (bigint) columns hold nano-dollars: read them as numbers (exact up to 2^53 nano ≈ $9M per value).
    module.types.setTypeParser(module.types.builtins.INT8, (value) => Number(value));
    return module;
  });
  return loaded;
}
