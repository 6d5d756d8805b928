package io.tollgate.cluster.ledger;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The answer of one account to an extension or a settlement, and the account holding the rest of the request when
 * a {@link BudgetLedger#move move} took some of its counters elsewhere while it was in flight.
 *
 * @param answer this account's part of the answer
 * @param forwardTo the account to ask next; empty when this account holds everything
 * @param <T> the answer's type
 */
public record AccountAnswer<T>(T answer, Optional<String> forwardTo) {

    /** A request never follows more moves than this. */
    public static final int MAX_HOPS = 8;

    public AccountAnswer {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(forwardTo, "forwardTo");
    }

    /** An answer with nothing held elsewhere. */
    public static <T> AccountAnswer<T> here(T answer) {
        return new AccountAnswer<>(answer, Optional.empty());
    }

    /**
     * Asks {@code accountId}, then every account it forwards to (at most a few hops, so a loop of moves ends),
     * combining the answers.
     *
     * @param accountId the account the request was admitted on
     * @param step one account's answer
     * @param combine folds the next account's answer into the answers so far
     */
    public static <T> T follow(String accountId, Function<String, AccountAnswer<T>> step, BinaryOperator<T> combine) {
        AccountAnswer<T> answer = step.apply(accountId);
        T result = answer.answer();
        for (int hop = 1; answer.forwardTo().isPresent() && hop < MAX_HOPS; hop++) {
            answer = step.apply(answer.forwardTo().get());
            result = combine.apply(result, answer.answer());
        }
        return result;
    }
}
