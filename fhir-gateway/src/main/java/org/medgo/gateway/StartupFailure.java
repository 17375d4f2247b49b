package org.medgo.gateway;

/** Turns a failed start into one line: the innermost cause, which is the part an operator can act on. */
final class StartupFailure {

    private StartupFailure() {}

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
    }
}
