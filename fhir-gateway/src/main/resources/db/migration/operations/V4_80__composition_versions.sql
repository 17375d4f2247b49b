-- fhir engineer's range for operations tables is V4_8x (V1_6x would run before V4_0 creates them on a fresh database)
-- FHIR versioning of the AI Compositions: the draft is version 1, the review decision version 2.
-- operations_composition keeps the current version; operations_composition_version keeps every version
-- (vread, _history), append-only for the application.
ALTER TABLE operations_composition ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TABLE operations_composition_version (
    id          uuid        NOT NULL REFERENCES operations_composition (id),
    version     integer     NOT NULL,
    resource    jsonb       NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, version)
);

-- drafts stored before this migration: their current state is their version 1
INSERT INTO operations_composition_version (id, version, resource, recorded_at)
SELECT id, 1, resource, updated_at FROM operations_composition;

REVOKE UPDATE, DELETE, TRUNCATE ON operations_composition_version FROM medgo_app;

-- The EMR's resources a document refers to (Patient, Encounter, DiagnosticReport), as received, so that the
-- document Bundle carries them and every reference in it resolves (ARCHITECTURE.md "Document references").
-- Same protection as the Composition itself, which quotes the same record.
CREATE TABLE operations_composition_received (
    composition_id uuid    NOT NULL REFERENCES operations_composition (id),
    position       integer NOT NULL,
    full_url       text,
    resource       jsonb   NOT NULL,
    PRIMARY KEY (composition_id, position)
);
REVOKE UPDATE, DELETE, TRUNCATE ON operations_composition_received FROM medgo_app;
