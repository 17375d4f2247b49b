-- Write-back outbox (fhir-gateway org.medgo.gateway.ehr.writeback): one row per note to create in the EMR,
-- inserted in the same transaction as the clinician's decision, delivered by a worker with retries that
-- survive restarts. The EMR's If-None-Exist on the note's identifier makes a repeated delivery harmless.
CREATE TABLE ehr_outbox (
    id              uuid        PRIMARY KEY,
    composition_id  uuid        NOT NULL REFERENCES operations_composition (id),
    kind            text        NOT NULL CHECK (kind IN ('composition', 'document-reference')),
    identifier      text        NOT NULL,            -- system|value the EMR is searched by (If-None-Exist)
    resource        jsonb       NOT NULL,            -- the note as sent
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,                            -- HTTP status or exception class, never content
    ehr_id          text,
    ehr_version     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    UNIQUE (composition_id, kind)
);
CREATE INDEX ehr_outbox_due ON ehr_outbox (next_attempt_at) WHERE status = 'pending';
REVOKE DELETE, TRUNCATE ON ehr_outbox FROM medgo_app;
