// What the running service offers (GET /api/v1/meta: its version and feature names), read once per page load.
// Pages offer a control only when its feature is there, so an older server shows nothing rather than a form
// that cannot work. The answer is small and anonymous; the OpenAPI document is no longer fetched for this.
let meta = null;

/** { version, api, features: Set } — an unreachable or older server (no /meta) offers no optional feature. */
export function serviceMeta() {
  meta ??= fetch("/api/v1/meta", { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null)
    .then((m) => ({ version: m?.version ?? null, api: m?.api ?? null, features: new Set(m?.features ?? []) }));
  return meta;
}

/** True when the running service lists `name` among its features. */
export const offers = async (name) => (await serviceMeta()).features.has(name);
