-- Gateway baseline. Runs as the owner (migration) role; the application logs in as medgo_app.
--
-- medgo_app: in embedded mode the gateway creates it as a login role before migrating; on a hospital
-- database it may be created here as a group role (NOLOGIN) that the hospital's application login joins
-- (GRANT medgo_app TO <MEDGO_DB_USER>).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'medgo_app') THEN
        CREATE ROLE medgo_app NOLOGIN;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO medgo_app;

-- Tables and sequences the owner creates from now on are usable by the application for data changes
-- only (no DDL). Modules that need less (audit: INSERT + SELECT) REVOKE in their own migrations.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO medgo_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO medgo_app;

-- One row per start of the gateway: when, which version, which host.
CREATE TABLE gateway_start (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz NOT NULL DEFAULT now(),
    software_version text        NOT NULL CHECK (length(software_version) <= 100),
    host             text        NOT NULL CHECK (length(host) <= 255)
);
-- the start log is history: the application appends and reads, it does not rewrite
REVOKE UPDATE, DELETE ON gateway_start FROM medgo_app;
