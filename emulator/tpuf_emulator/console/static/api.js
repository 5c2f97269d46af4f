// Every call goes to the public API (or /console/api) with the key the user entered, so the
// emulator's organisation isolation applies unchanged. The key lives in sessionStorage only.

const KEY = "tpuf-console-key";

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  signIn(key) { sessionStorage.setItem(KEY, key); },
  signOut() { sessionStorage.removeItem(KEY); },
  hits(ns) { return JSON.parse(sessionStorage.getItem(`tpuf-console-hits:${ns}`) || "[]"); },
  setHits(ns, ids) { sessionStorage.setItem(`tpuf-console-hits:${ns}`, JSON.stringify(ids)); },
};

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${session.key}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const reply = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await reply.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
  if (!reply.ok) throw new ApiError(reply.status, (data && data.error) || `HTTP ${reply.status}`);
  return data;
}

export const enc = encodeURIComponent;
export const nsPath = (ns, suffix = "", version = "v1") => `/${version}/namespaces/${enc(ns)}${suffix}`;
