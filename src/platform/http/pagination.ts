/** What GOV.UK's pagination component takes (`govukPagination`), for the partial `partials/pagination.njk`. */
export type Pagination = {
  previous?: { href: string };
  next?: { href: string };
  items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }>;
};

/**
 * The links between the pages of a list, or undefined when it fits on one page. Shows the first and
 * last pages and those either side of the current one, with an ellipsis for each gap (GOV.UK's
 * pattern), so a list of a thousand pages has a handful of links, not a thousand.
 */
export function paginate(page: number, pageCount: number, href: (page: number) => string): Pagination | undefined {
  if (pageCount <= 1) return undefined;
  const numbers = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  const items: Pagination['items'] = [];
  numbers.forEach((number, index) => {
    if (index > 0 && number - numbers[index - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number, href: href(number), current: number === page });
  });
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pageCount ? { next: { href: href(page + 1) } } : {}),
    items,
  };
}

/** How many pages `total` rows make at `pageSize` a page: at least one, so an empty list has a page 1. */
export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
