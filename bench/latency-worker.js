// GETs one URL back to back on a thread of its own and reports each latency (ms). The hostile bench
// (./hostile.ts) measures the fake SP's answers with it: on the bench's main thread the measurement
// also timed that thread's own work (reading and parsing the hostile POSTs' large JSON answers),
// which is not the server's latency. Plain JavaScript: a worker thread gets no tsx.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, durationMs } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get() {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const latencies = [];
const until = performance.now() + durationMs;
while (performance.now() < until) {
  const t = performance.now();
  const status = await get();
  latencies.push(performance.now() - t);
  if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
}
agent.destroy();
const out = Float64Array.from(latencies);
parentPort.postMessage(out, [out.buffer]);
