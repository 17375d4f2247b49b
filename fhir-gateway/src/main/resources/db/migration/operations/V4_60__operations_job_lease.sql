-- A running job is held by a lease that its worker renews; a job whose lease expired (worker lost the database,
-- process killed, replica gone) is claimed again by any worker of any gateway process, without a restart.
-- lease_owner names the claim (process and attempt), so a worker that lost its lease cannot end the job.
ALTER TABLE operations_job ADD COLUMN lease_until timestamptz;
ALTER TABLE operations_job ADD COLUMN lease_owner text;
CREATE INDEX operations_job_lease ON operations_job (lease_until) WHERE status = 'running';
