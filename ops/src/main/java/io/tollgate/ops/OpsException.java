package io.tollgate.ops;

/**
 * A failure the CLI reports as one line on stderr ({@code tollgate ops: <message>}) with an exit code: {@link #USAGE}
 * for usage, connection and authentication problems, {@link #FAILED} for an error the API answered.
 */
final class OpsException extends RuntimeException {

    /** Exit code of a failed request the node answered with an error (not found, conflict, invalid field...). */
    static final int FAILED = 1;
    /** Exit code of usage, connection and authentication problems. */
    static final int USAGE = 2;

    private final int exitCode;

    private OpsException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static OpsException usage(String message) {
        return new OpsException(USAGE, message);
    }

    static OpsException failed(String message) {
        return new OpsException(FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
