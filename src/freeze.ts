/** Deep freezing of parsed JSON, for results and headers that several callers share. */

/** Freezes a parsed JSON value and everything inside it, and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}
