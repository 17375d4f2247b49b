-- Several gateway processes may share one database; one of them at a time signs checkpoints (it holds an
-- advisory lock, CheckpointLeadership). Each checkpoint names that process (host:pid:random), so a hand-over
-- is visible and two signers at once would be. NULL on rows from before, or from a single-process gateway.
ALTER TABLE audit_checkpoint ADD COLUMN signer text;
