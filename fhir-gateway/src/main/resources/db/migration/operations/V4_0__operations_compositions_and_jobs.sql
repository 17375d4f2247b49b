-- AI-generated Compositions (the review queue), the resources generated with them, and async jobs.
-- The JSONB holds the FHIR resource; the plain columns are what the FHIR search parameters use.
CREATE TABLE operations_composition (
    id            uuid        PRIMARY KEY,
    request_id    text        NOT NULL UNIQUE,   -- idempotency: one Composition per request id
    operation     text        NOT NULL,
    patient_ref   text        NOT NULL,          -- the REAL patient (re-linked), e.g. Patient/123
    encounter_ref text,
    status        text        NOT NULL,
    type_code     text        NOT NULL,          -- LOINC code of Composition.type
    date          timestamptz NOT NULL,
    resource      jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operations_composition_patient   ON operations_composition (patient_ref, date DESC);
CREATE INDEX operations_composition_encounter ON operations_composition (encounter_ref);
CREATE INDEX operations_composition_status    ON operations_composition (status, date DESC);
CREATE INDEX operations_composition_type      ON operations_composition (type_code);
CREATE INDEX operations_composition_date      ON operations_composition (date DESC);

-- Conditions, Provenance and the model Device generated with a Composition
CREATE TABLE operations_generated_resource (
    resource_type  text  NOT NULL,
    id             text  NOT NULL,
    composition_id uuid  REFERENCES operations_composition (id),
    resource       jsonb NOT NULL,
    PRIMARY KEY (resource_type, id)
);
CREATE INDEX operations_generated_resource_composition ON operations_generated_resource (composition_id);

CREATE TABLE operations_job (
    id             uuid        PRIMARY KEY,
    request_id     text        NOT NULL UNIQUE,
    operation      text        NOT NULL,
    input          text,                          -- the request body; cleared when the job ends (PHI)
    status         text        NOT NULL,          -- queued | running | completed | failed | cancelled
    step           text        NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    composition_id uuid        REFERENCES operations_composition (id),
    error          text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX operations_job_status ON operations_job (status, created_at);

-- generated records are never deleted by the application (review changes status, not rows)
REVOKE DELETE ON operations_composition, operations_generated_resource, operations_job FROM medgo_app;
