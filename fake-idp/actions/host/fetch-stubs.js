// What `fetch` answers in the emulator: the stubs a scenario declares (`fetch:` in its YAML, carried
// by the tenant to each run), never the network: a hosted tenant would make the call, the emulator
// has no network at login time. An unstubbed call fails like Node's fetch does
// (TypeError "fetch failed"), with the stub to add.

/** The stub for `method url`: the first whose method matches (or is ANY) and whose url is equal, or a prefix ending in '*'. */
export function findStub(stubs, url, method) {
  return (Array.isArray(stubs) ? stubs : []).find((stub) => {
    const m = typeof stub.method === 'string' ? stub.method.toUpperCase() : 'GET';
    if (m !== 'ANY' && m !== method) return false;
    if (typeof stub.url !== 'string') return false;
    if (stub.url.endsWith('*')) return url.startsWith(stub.url.slice(0, -1));
    try {
      return new URL(stub.url).href === url;
    } catch {
      return stub.url === url;
    }
  });
}

export function fetchOp(stubs, url, method) {
  const stub = findStub(stubs, url, method);
  if (!stub) {
    const error = new TypeError(
      `fetch failed: ${method} ${url} is not stubbed, and the flex-sso emulator has no network at login time. Stub it in the scenario: fetch: [{ url: '${url}', method: ${method}, status: 200, json: {…} }] (scenarios/README.md)`,
    );
    error.code = 'FETCH_NOT_STUBBED';
    throw error;
  }
  const isJson = stub.json !== undefined;
  const headers = { ...(isJson ? { 'content-type': 'application/json' } : { 'content-type': 'text/plain;charset=UTF-8' }), ...(stub.headers ?? {}) };
  return JSON.stringify({
    status: Number.isInteger(stub.status) ? stub.status : 200,
    statusText: typeof stub.statusText === 'string' ? stub.statusText : '',
    headers: Object.entries(headers),
    body: isJson ? JSON.stringify(stub.json) : typeof stub.body === 'string' ? stub.body : '',
  });
}
