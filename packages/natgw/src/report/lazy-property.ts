/**
 * Makes `object[key]` (which must already exist, so it keeps its place among the keys) an own enumerable
 * property whose value `build` computes on first read and which then becomes a plain writable field. JSON,
 * spreads, structuredClone and zod read it like any field; a caller that never reads it never pays for it.
 */
export function lazyProperty<O extends object, K extends keyof O>(object: O, key: K, build: () => O[K]): void {
  const settle = (value: O[K]): void => {
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get(): O[K] {
      const value = build();
      settle(value);
      return value;
    },
    set: settle,
  });
}
