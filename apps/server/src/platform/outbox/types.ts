/** A domain event as a service emits it inside its transaction. */
export interface DomainEvent {
  /** Past-tense name, `<context>.<fact>`: `user.created`, `policy.bound`. */
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  /** Organisations that may see the event (the actor's own is added). */
  orgIds?: readonly string[];
}

/** An event as stored in the outbox and delivered to subscribers. */
export interface OutboxEvent {
  id: bigint;
  aggregateType: string;
  aggregateId: string;
  aggregateSeq: bigint;
  type: string;
  payload: unknown;
  orgIds: string[];
  actorUserId: string | null;
  requestId: string | null;
  createdAt: Date;
  streamPos: bigint | null;
}
