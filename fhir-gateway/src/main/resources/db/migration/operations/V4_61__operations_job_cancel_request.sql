-- A cancellation ($job-status DELETE) may reach another gateway process than the one running the job
-- (replicas behind a load balancer): it is stored on the row, and the worker holding the job sees it at its
-- next lease renewal.
ALTER TABLE operations_job ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false;
