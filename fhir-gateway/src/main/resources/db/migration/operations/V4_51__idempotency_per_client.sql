-- Request ids are idempotency keys per authenticated client, stored with the hash of the normalised input
-- (README "Security"): one client cannot replay or pre-plant another's request id.
ALTER TABLE operations_composition ADD COLUMN client_key text NOT NULL DEFAULT '',
                                   ADD COLUMN input_sha256 text CHECK (length(input_sha256) = 64);
ALTER TABLE operations_composition DROP CONSTRAINT operations_composition_request_id_key;
ALTER TABLE operations_composition ADD CONSTRAINT operations_composition_idempotency_key UNIQUE (client_key, request_id);

ALTER TABLE operations_job ADD COLUMN client_key text NOT NULL DEFAULT '',
                           ADD COLUMN input_sha256 text CHECK (length(input_sha256) = 64);
ALTER TABLE operations_job DROP CONSTRAINT operations_job_request_id_key;
ALTER TABLE operations_job ADD CONSTRAINT operations_job_idempotency_key UNIQUE (client_key, request_id);
