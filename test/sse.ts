import type { Client } from './http.ts';

/** The `data` of an event frame (see the SSE route), or of a `close` frame (`reason`). */
export interface SseData {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  aggregateSeq: string;
  payload: Record<string, unknown> & { i?: number };
  at: string;
  reason?: string;
}

export interface SseFrame {
  id?: string;
  event?: string;
  data?: SseData;
  comment?: string;
}

export type EventFrame = SseFrame & { event: string; data: SseData };

/** An open `GET /api/events` stream, parsed frame by frame. */
export class EventStream {
  readonly frames: SseFrame[] = [];
  status = 0;
  ended = false;
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];

  static async open(client: Client, lastEventId?: string): Promise<EventStream> {
    const s = new EventStream();
    const headers: Record<string, string> = {};
    if (client.cookie) headers.cookie = client.cookie;
    if (client.bearer) headers.authorization = `Bearer ${client.bearer}`;
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const response = await fetch(`${client.baseUrl}/api/events`, { headers, signal: s.controller.signal });
    s.status = response.status;
    if (response.body) void s.read(response.body);
    else s.ended = true;
    return s;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          this.frames.push(parse(buffer.slice(0, cut)));
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
        }
        this.notify();
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  get events(): EventFrame[] {
    return this.frames.filter((f): f is EventFrame => f.event !== undefined && f.data !== undefined);
  }

  /** Waits until `predicate` holds over the frames received so far. */
  async until(predicate: (s: EventStream) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline)
        throw new Error(`stream condition not met; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.controller.abort();
  }
}

function parse(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('id: ')) frame.id = line.slice(4);
    else if (line.startsWith('event: ')) frame.event = line.slice(7);
    else if (line.startsWith('data: ')) frame.data = JSON.parse(line.slice(6));
  }
  return frame;
}
