-- Group policies (集中投保): the master policy carries the journal — the park pays, one invoice per collecting
-- insurer — and every line of a group movement is also tagged with the member certificate (成员凭证) whose
-- share it is, so each member's premium, co-insurers' shares and cessions are traceable in the books and
-- `kebao ledger verify` checks them per certificate. Lines of other policies leave it empty.
ALTER TABLE journal_line ADD COLUMN certificate_id uuid;
CREATE INDEX journal_line_certificate ON journal_line (certificate_id, account, org_id)
  WHERE certificate_id IS NOT NULL;
