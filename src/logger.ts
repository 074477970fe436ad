/**
 * Structured JSON log lines on stderr (pino), filtered by LOG_LEVEL. The rest of the code sees only this
 * small interface — a message and fields — so the logging library stays a detail of this file.
 */
import pino, { type DestinationStream } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Whether `level` would be written (to skip building fields nobody reads). */
  isEnabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

/**
 * @param destination where lines go. @default stderr, written synchronously: a process that exits right
 *   after logging (a failed start, the end of `stockql serve`) must not lose its last lines.
 */
export function createLogger(level: LogLevel, destination: DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  const log = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names ("warn") rather than numbers (40): the lines are read by people as much as by tools.
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    debug: (message, fields) => log.debug(fields ?? {}, message),
    info: (message, fields) => log.info(fields ?? {}, message),
    warn: (message, fields) => log.warn(fields ?? {}, message),
    error: (message, fields) => log.error(fields ?? {}, message),
    isEnabled: (at) => log.isLevelEnabled(at),
  };
}
