/** JSON with bigints as decimal strings (token amounts do not fit a JSON number). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) => (typeof inner === "bigint" ? inner.toString() : inner), 2);
}
