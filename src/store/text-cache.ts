/** Past this many texts a cache stops keeping new ones (their keys would come from a bug, not a shape). */
const maxTexts = 1_000;

/**
 * SQL texts built from other strings, kept by those strings so that the same parts give back the
 * same string object. The texts of the statements run on every request that writes usage or moves
 * money are a few kilobytes each: built anew per batch they were its largest allocation (~8 KB per
 * paid request on Postgres), and the prepared-statement lookup hashed each new copy in full. A key
 * that is itself a cached text (or a constant) has its hash computed once, so a lookup costs a few
 * map probes.
 */
export class TextCache {
  private readonly root: Level = { children: new Map() };
  private size = 0;

  text(keys: readonly string[], build: () => string): string {
    let level = this.root;
    for (const key of keys) {
      let next = level.children.get(key);
      if (next === undefined) {
        if (this.size >= maxTexts) return build();
        next = { children: new Map() };
        level.children.set(key, next);
      }
      level = next;
    }
    if (level.text === undefined) {
      if (this.size >= maxTexts) return build();
      level.text = build();
      this.size++;
    }
    return level.text;
  }
}

interface Level {
  children: Map<string, Level>;
  text?: string;
}
