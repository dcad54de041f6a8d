/** One page of a list: `page` counts from 0 and is clamped to the last page. */
export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: all.slice(current * size, current * size + size), page: current, pages, total: all.length };
}
