// Talking to Lineage's own API. URLs are relative to the page, so the page also works when the
// API is served under a path prefix by a reverse proxy.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** GET `path` with `params` (arrays repeat the name) and return the JSON body. */
export async function getJSON(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(v));
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/**
 * Every item of a paged answer (`items` + `next_cursor`), following cursors; stops after `max`
 * items and says so (`truncated`). `key` names the list when it is not `items` (several names:
 * the first one the answer has).
 */
export async function allPages(path, params = {}, { max = Infinity, key = "items" } = {}) {
  const items = [];
  let cursor = null;
  let first = null;
  do {
    const page = await getJSON(path, { ...params, cursor });
    first ??= page;
    items.push(...([].concat(key).map((k) => page[k]).find(Array.isArray) ?? []));
    cursor = page.next_cursor;
  } while (cursor && items.length < max);
  return { items, first, truncated: Boolean(cursor) };
}

export const api = {
  cascades: () => allPages("cascades", { limit: 500 }),
  elements: (cascade, params, options) => allPages(`cascades/${enc(cascade)}/elements`, { limit: 500, ...params }, options),
  children: (cascade, parents) => allPages(`cascades/${enc(cascade)}/elements`, { parent: parents, limit: 500 }),
  locate: (cascade, ids) => getJSON(`cascades/${enc(cascade)}/locate`, { id: ids }),
  search: (cascade, q) => getJSON("indicators", { q, cascade, limit: 20 }),
  contributors: (id, max, tier) => allPages(`indicators/${enc(id)}/contributors`, { depth: 20, limit: 500, tier }, { max }),
  series: (id) => getJSON(`indicators/${enc(id)}/series`),
  contributesTo: (id) => getJSON(`indicators/${enc(id)}/contributes-to`, { depth: 20 }),
};

function enc(id) {
  return encodeURIComponent(id);
}
