// Ends an HTTP answer whose body is large (a verdict carrying the decoded XML) in slices, one per
// turn of the event loop: a socket write copies the whole buffer into the kernel in one call, and for
// a few hundred KB that was the longest single task of an ACS POST on the server's thread, during
// which no other request was answered (docs/benchmarks-history.md "The ACS's own thread per POST").
import type { ServerResponse } from 'node:http';

export const SLICE_BYTES = 64 * 1024;

/** Writes `parts` then ends `res`; set the status and headers (Content-Length included) first. */
export function endInSlices(res: ServerResponse, parts: readonly Uint8Array[], sliceBytes = SLICE_BYTES): void {
  const slices = parts.flatMap((part) =>
    Array.from({ length: Math.ceil(part.byteLength / sliceBytes) }, (_, i) => part.subarray(i * sliceBytes, (i + 1) * sliceBytes)),
  );
  let next = 0;
  const writeOne = (): void => {
    if (res.destroyed) return; // the client left: nothing more to send
    const slice = slices[next];
    next += 1;
    if (slice === undefined || next === slices.length) {
      res.end(slice);
      return;
    }
    // Past the socket's buffer: wait until it drains; else give the event loop a turn first.
    if (res.write(slice)) setImmediate(writeOne);
    else res.once('drain', writeOne);
  };
  writeOne();
}
