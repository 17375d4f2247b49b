package org.medgo.gateway.operations.pipeline;

/** Where a request is (for X-Progress of async jobs); called from the request's thread. */
@FunctionalInterface
public interface Progress {

    void step(String step);

    Progress NONE = step -> { };
}
