package org.medgo.gateway.operations.jobs;

/** queued → running → completed | failed | cancelled; stored by {@link #code()}. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    /** The value of {@code operations_job.status}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static JobStatus ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }

    /** Whether the job has ended (its input is gone, nothing will change any more). */
    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
