// A tiny authenticated JSON client for the HTTP tests.
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export function apiClient(origin: string, token: string) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown, raw?: string): Promise<ApiResponse<T>> {
    const res = await fetch(`${origin}/api/v2${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
}
