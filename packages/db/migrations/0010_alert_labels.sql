-- Alerts carry what they watch and whom they concern in words, so a list, a notification or a webhook
-- stands alone without the rules at hand: the rule's metric when the alert opened and the subject's name
-- (the insurer's, enterprise's or programme's). Alerts opened before this are filled in where the subject
-- can still be named.
ALTER TABLE alert ADD COLUMN metric text, ADD COLUMN subject_label text;

UPDATE alert a SET metric = r.definition ->> 'metric' FROM alert_rule r WHERE r.code = a.rule_code;
UPDATE alert a SET subject_label = o.name_zh FROM organisation o WHERE a.subject_org = o.id;
UPDATE alert a SET subject_label = e.name FROM enterprise e
 WHERE a.subject LIKE 'enterprise:%' AND e.id::text = substr(a.subject, 12);
UPDATE alert a SET subject_label = p.name_zh FROM subsidy_programme p
 WHERE a.subject LIKE 'programme:%' AND p.code = substr(a.subject, 11);
UPDATE alert SET subject_label = '承保机构集中度' WHERE subject = 'zone:insurer';
UPDATE alert SET subject_label = substr(subject, 9) WHERE subject LIKE 'product:%';

-- The expiry passes find in-force policies past their end date without a scan.
CREATE INDEX policy_in_force_end ON policy (end_date) WHERE status = 'in_force';
CREATE INDEX registered_policy_in_force_end ON registered_policy (end_date) WHERE status = 'in_force';
