import { Writable } from 'node:stream';
import pino, { type Logger, type LoggerOptions } from 'pino';

// Personal data must not reach the logs (PIPL art. 51): resident ID-card numbers (18 digits, last
// may be X) and mainland mobile numbers are masked wherever they appear in a log line, whatever
// field carries them; secrets are removed by path before serialisation.
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export function maskPersonalData(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(MOBILE, '$1****$2');
}

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.token',
  '*.csrfToken',
];

export interface LogOptions {
  level?: string;
  /** Where lines go; standard output by default. */
  destination?: NodeJS.WritableStream;
}

/** A destination that masks personal data in each finished JSON line before writing it. */
function maskingStream(target: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      target.write(maskPersonalData(chunk.toString('utf8')));
      callback();
    },
  });
}

export function loggerOptions(options: LogOptions = {}): LoggerOptions {
  return {
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { service: 'kebao' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

export function createLogger(options: LogOptions = {}): Logger {
  return pino(loggerOptions(options), maskingStream(options.destination ?? process.stdout));
}
