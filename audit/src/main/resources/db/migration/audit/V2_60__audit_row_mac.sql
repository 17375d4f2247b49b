-- Each row carries HMAC-SHA256(key, hash) under a key kept in files outside the database
-- (MEDGO_AUDIT_KEY_DIR/audit-mac.key): a role that can INSERT into the trail but cannot read that file
-- cannot append a row that verifies. NULL only on rows written before this migration.
ALTER TABLE audit_event ADD COLUMN mac bytea;
