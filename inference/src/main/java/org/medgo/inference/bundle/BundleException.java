package org.medgo.inference.bundle;

/** A model bundle is missing a file, has a malformed file, or its files disagree with each other. */
public class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
