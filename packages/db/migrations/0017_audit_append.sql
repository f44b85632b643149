-- Appending a transaction's audit records to its organisation's chain, in the database: the chain's head is
-- locked, each record numbered after it and hashed on the one before — hash = SHA-256(prev_hash ‖ the
-- record's canonical JSON with its number), the same bytes the application's verifier recomputes — the
-- records inserted and the head moved to the last. The application sends this call and COMMIT in one
-- message, so the head stays locked only while the database runs them, never across a round trip to the
-- application (an organisation's transactions queue on their chain for that long).
--
-- p_records is a JSON array in chain order; each element holds the record's columns (at, actor_type,
-- actor_user_id, actor_org_id, token_id, action, entity_type, entity_id, org_ids, request_id; before and
-- after when given, JSON null included) and its canonical text around the sequence number: text_before and
-- text_after. A loop, not a recursive query: the hash chain is sequential and a batch may hold thousands of
-- records (an import, the nightly expiry).
CREATE FUNCTION audit_append(p_chain text, p_records jsonb) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  v_seq  bigint;
  v_hash bytea;
  v_prev bytea;
  r      jsonb;
BEGIN
  SELECT last_seq, last_hash INTO v_seq, v_hash FROM audit_chain WHERE chain = p_chain FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain % has no head', p_chain USING ERRCODE = 'no_data_found';
  END IF;
  FOR r IN SELECT e FROM jsonb_array_elements(p_records) WITH ORDINALITY AS a (e, n) ORDER BY n LOOP
    v_prev := v_hash;
    v_seq := v_seq + 1;
    v_hash := sha256(v_prev || convert_to((r ->> 'text_before') || v_seq || (r ->> 'text_after'), 'UTF8'));
    INSERT INTO audit_log (chain, seq, at, actor_type, actor_user_id, actor_org_id, token_id, action, entity_type,
                           entity_id, org_ids, before, after, request_id, prev_hash, hash)
    VALUES (p_chain, v_seq, (r ->> 'at')::timestamptz, r ->> 'actor_type', (r ->> 'actor_user_id')::uuid,
            (r ->> 'actor_org_id')::uuid, (r ->> 'token_id')::uuid, r ->> 'action', r ->> 'entity_type',
            r ->> 'entity_id', ARRAY(SELECT jsonb_array_elements_text(r -> 'org_ids'))::uuid[], r -> 'before',
            r -> 'after', r ->> 'request_id', v_prev, v_hash);
  END LOOP;
  UPDATE audit_chain SET last_seq = v_seq, last_hash = v_hash WHERE chain = p_chain;
  RETURN v_seq;
END
$$;
