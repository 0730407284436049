// Where the emulator serves its Actions real-time logs (JSON; the HTML view is <path>/page). A
// module of its own so the app can mount the router lazily without loading it.
export const REALTIME_LOGS_PATH = '/__emulator/actions/realtime-logs';
