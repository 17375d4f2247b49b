-- De-identification vault: surrogate -> original for one request, AES-256-GCM encrypted by the
-- application (key MEDGO_VAULT_KEY, never in the database), with an expiry.
-- Runs as the owner role; the application (medgo_app) may store, read and purge, never rewrite.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'medgo_app') THEN
        CREATE ROLE medgo_app NOLOGIN;
    END IF;
END
$$;

CREATE TABLE deid_vault (
    vault_id    uuid        PRIMARY KEY,
    key_id      text        NOT NULL CHECK (length(key_id) <= 64),
    nonce       bytea       NOT NULL CHECK (length(nonce) = 12),
    ciphertext  bytea       NOT NULL CHECK (length(ciphertext) <= 16777216),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX deid_vault_expires_at ON deid_vault (expires_at);

GRANT USAGE ON SCHEMA public TO medgo_app;
REVOKE ALL ON deid_vault FROM medgo_app;
GRANT SELECT, INSERT, DELETE ON deid_vault TO medgo_app;
