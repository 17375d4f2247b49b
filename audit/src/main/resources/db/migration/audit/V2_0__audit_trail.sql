-- Audit trail: append-only, hash-chained, partitioned by month. Runs as the owner role.
-- The application role (medgo_app) may INSERT and SELECT, nothing else; triggers reject UPDATE, DELETE
-- and TRUNCATE even for the owner, so a change needs a deliberate "disable triggers" that verify detects.

CREATE TABLE audit_event (
    seq            bigint      NOT NULL,
    recorded       timestamptz NOT NULL,
    event_type     text        NOT NULL CHECK (length(event_type) <= 40),
    subtype        text        CHECK (length(subtype) <= 80),
    action         char(1)     NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'E')),
    outcome        text        NOT NULL CHECK (outcome IN ('0', '4', '8', '12')),
    outcome_detail text        CHECK (length(outcome_detail) <= 500),
    client_id      text        CHECK (length(client_id) <= 200),
    user_id        text        CHECK (length(user_id) <= 200),
    patient_ref    text        CHECK (length(patient_ref) <= 200),
    entity_ref     text        CHECK (length(entity_ref) <= 200),
    request_id     text        CHECK (length(request_id) <= 200),
    details        text        NOT NULL CHECK (length(details) <= 8000),
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL,
    PRIMARY KEY (seq, recorded)
) PARTITION BY RANGE (recorded);

CREATE INDEX audit_event_patient ON audit_event (patient_ref, recorded);
CREATE INDEX audit_event_recorded ON audit_event (recorded);

-- Rows outside any monthly partition still land somewhere; monthly partitions are made ahead.
CREATE TABLE audit_event_default PARTITION OF audit_event DEFAULT;

CREATE TABLE audit_checkpoint (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created     timestamptz NOT NULL DEFAULT now(),
    seq         bigint      NOT NULL,
    head_hash   bytea       NOT NULL,
    key_id      text        NOT NULL,
    signature   bytea       NOT NULL
);

CREATE FUNCTION audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION audit_grant(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON %s '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()', tbl);
    EXECUTE format('REVOKE ALL ON %s FROM medgo_app', tbl);
    EXECUTE format('GRANT SELECT, INSERT ON %s TO medgo_app', tbl);
END
$$;

-- Row triggers on a partitioned table are cloned onto every partition, present and future.
CREATE FUNCTION audit_protect(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER audit_no_update_delete BEFORE UPDATE OR DELETE ON %s '
                   'FOR EACH ROW EXECUTE FUNCTION audit_reject_change()', tbl);
    PERFORM audit_grant(tbl);
END
$$;

-- A partition is its own table: TRUNCATE on it would not fire the parent's statement trigger, so each
-- partition gets its own TRUNCATE trigger and the same grants.
CREATE FUNCTION audit_ensure_month(month date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    first date := date_trunc('month', month)::date;
    name  text := 'audit_event_' || to_char(first, 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_event FOR VALUES FROM (%L) TO (%L)',
                   name, first, (first + interval '1 month')::date);
    PERFORM audit_grant(name::regclass);
END
$$;
REVOKE ALL ON FUNCTION audit_ensure_month(date) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_grant(regclass), audit_protect(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_ensure_month(date) TO medgo_app;

SELECT audit_protect('audit_event');
SELECT audit_grant('audit_event_default');
SELECT audit_protect('audit_checkpoint');
SELECT audit_ensure_month(current_date);
SELECT audit_ensure_month((current_date + interval '1 month')::date);
