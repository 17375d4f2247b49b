-- The record a draft was made from, line by line as the model read it (with its citation keys), but with the
-- de-identification reversed: what the reviewing clinician knows. The review page shows it beside the draft and
-- highlights the lines a statement cites. reference = the input resource as the EMR knows it (Type/id).
CREATE TABLE operations_source_line (
    composition_id uuid    NOT NULL REFERENCES operations_composition (id),
    position       integer NOT NULL,
    key            text,              -- citation key ([C3] → C3); null for a heading
    reference      text,
    text           text    NOT NULL,
    PRIMARY KEY (composition_id, position)
);

-- written once with the draft, never changed by the application
REVOKE UPDATE, DELETE ON operations_source_line FROM medgo_app;
