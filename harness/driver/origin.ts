/** `url` is on `origin` (a prefix test would take port 40001 for port 4000). */
export function onOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
