package org.medgo.audit.chain;

/**
 * Somewhere outside the gateway's host that receives each checkpoint as it is made (a SIEM through syslog,
 * see {@link SyslogWitness}): even host root cannot take back a checkpoint already sent there.
 * A witness that fails does not stop the checkpoint; it is told to the caller.
 */
public interface CheckpointWitness {
    void publish(SignedCheckpoint checkpoint);

    CheckpointWitness NONE = checkpoint -> { };
}
