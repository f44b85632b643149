/**
 * The cockpit's event stream as the alerts workload reads it: `GET /api/events` on a connection of its own,
 * with a signed-in user's session, parsed frame by frame; each event is handed on with the moment its last
 * byte arrived (performance.now()), which is when a browser would have had it.
 */
import http from 'node:http';

export interface StreamEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  /** performance.now() when the chunk that completed the frame arrived. */
  arrivedAt: number;
}

const OPEN_TIMEOUT_MS = 10_000;

export class EventStream {
  private readonly request: http.ClientRequest;
  private readonly listeners = new Set<(event: StreamEvent) => void>();
  private buffer = '';
  private closing = false;
  /** Frames received so far (events, comments and the opening `retry:` alike). */
  frames = 0;
  /** Why the stream ended without being closed by us, if it did. */
  failure: Error | null = null;

  private constructor(request: http.ClientRequest) {
    this.request = request;
  }

  /** Opens the stream with `headers` (the session cookie) and resolves once the server has answered 200. */
  static open(baseUrl: string, headers: Record<string, string>): Promise<EventStream> {
    const url = new URL('/api/events', baseUrl);
    return new Promise<EventStream>((resolve, reject) => {
      const request = http.get(url, { headers: { ...headers, accept: 'text/event-stream' } });
      const stream = new EventStream(request);
      const timer = setTimeout(
        () => request.destroy(new Error(`GET /api/events: no answer within ${OPEN_TIMEOUT_MS / 1000} s`)),
        OPEN_TIMEOUT_MS,
      );
      request.on('error', (error) => {
        clearTimeout(timer);
        if (!stream.closing) stream.failure ??= error;
        reject(error);
      });
      request.on('response', (res) => {
        clearTimeout(timer);
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET /api/events: ${res.statusCode}`));
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => stream.take(chunk, performance.now()));
        res.on('end', () => {
          if (!stream.closing) stream.failure ??= new Error('the event stream ended');
        });
        res.on('error', (error) => {
          if (!stream.closing) stream.failure ??= error;
        });
        resolve(stream);
      });
    });
  }

  /** Calls `listener` with every event from now on; returns how to stop. */
  onEvent(listener: (event: StreamEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private take(chunk: string, arrivedAt: number): void {
    this.buffer += chunk;
    let cut = this.buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      this.frames++;
      const event = parseFrame(block, arrivedAt);
      if (event) for (const listener of this.listeners) listener(event);
      cut = this.buffer.indexOf('\n\n');
    }
  }

  close(): void {
    this.closing = true;
    this.request.destroy();
  }
}

/** One event frame (`event:` and `data:` lines, see the server's SSE route); null for comments and the rest. */
function parseFrame(block: string, arrivedAt: number): StreamEvent | null {
  let type: string | null = null;
  let data: string | null = null;
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) type = line.slice(7);
    else if (line.startsWith('data: ')) data = line.slice(6);
  }
  if (type === null || data === null || type === 'close') return null;
  const body = JSON.parse(data) as {
    aggregateType?: string;
    aggregateId?: string;
    payload?: Record<string, unknown>;
  };
  return {
    type,
    aggregateType: body.aggregateType ?? '',
    aggregateId: body.aggregateId ?? '',
    payload: body.payload ?? {},
    arrivedAt,
  };
}
