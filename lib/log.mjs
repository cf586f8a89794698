// One logger for the server script and the app: JSON lines on standard
// output (pino), each with the request's id where there is one. Expected
// refusals are logged at info or warn without a stack trace; real faults at
// error. ROLLBOOK_LOG_LEVEL chooses the least level written (default info).
import pino from "pino";

export const log = pino({
  level: process.env.ROLLBOOK_LOG_LEVEL ?? "info",
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});
