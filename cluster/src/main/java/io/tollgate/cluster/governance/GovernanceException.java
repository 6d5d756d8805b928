package io.tollgate.cluster.governance;

import java.util.Objects;

/**
 * A management change the registry refuses: the input is invalid, the thing it names does not exist, or it
 * collides with the current state. The {@link #field()} is the path of the offending input in the management
 * API's snake_case form ({@code budgets[1].reset_duration}, {@code team_id}), or {@code id} for the addressed
 * thing itself. Never thrown by the registry's read methods.
 */
public class GovernanceException extends RuntimeException {

    /** What went wrong; the management API maps it to a status (400, 404, 409). */
    public enum Kind {
        /** The input is malformed or refers to something that does not exist. */
        INVALID,
        /** The customer, team or key addressed by id does not exist. */
        NOT_FOUND,
        /** The change collides with the current state: a taken name, remaining dependents, a concurrent change. */
        CONFLICT
    }

    private final Kind kind;
    private final String field;

    /**
     * @param kind what went wrong
     * @param field the input path at fault
     * @param message a sentence naming the field and the value
     */
    public GovernanceException(Kind kind, String field, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = Objects.requireNonNull(field, "field");
    }

    /** An invalid input at {@code field}. */
    public static GovernanceException invalid(String field, String message) {
        return new GovernanceException(Kind.INVALID, field, field + ": " + message);
    }

    /** Nothing of this kind has this id. */
    public static GovernanceException notFound(String what, String id) {
        return new GovernanceException(Kind.NOT_FOUND, "id", "no " + what + " with id '" + id + "'");
    }

    /** A collision at {@code field}. */
    public static GovernanceException conflict(String field, String message) {
        return new GovernanceException(Kind.CONFLICT, field, field + ": " + message);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The input path at fault ({@code budgets[1].reset_duration}, {@code name}, {@code id}). */
    public String field() {
        return field;
    }
}
