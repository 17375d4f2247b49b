-- A failed job's HTTP status in its own column instead of the first three characters of its error text.
ALTER TABLE operations_job ADD COLUMN error_status integer CHECK (error_status BETWEEN 400 AND 599);
UPDATE operations_job SET error_status = substring(error FROM 1 FOR 3)::integer, error = substring(error FROM 5)
WHERE error ~ '^[45][0-9][0-9] ';
UPDATE operations_job SET error_status = 500 WHERE status = 'failed' AND error_status IS NULL;
