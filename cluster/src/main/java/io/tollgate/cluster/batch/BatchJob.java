package io.tollgate.cluster.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch submitted through the gateway: who submitted it, where it runs and what was reserved for it.
 *
 * @param id the provider's batch id
 * @param format {@code openai} (files and {@code /batches}) or {@code anthropic} (Message Batches)
 * @param provider the provider running it
 * @param keyName the provider key it was submitted with
 * @param virtualKeyId the virtual key that submitted it, when governed; only that key may read it
 * @param teamId the key's team, for the log
 * @param customerId the key's customer, for the log
 * @param model the model its requests ask for, as {@code provider/model}
 * @param endpoint the endpoint its lines call
 * @param lines how many requests it holds
 * @param reservedNanos what was reserved for it on each account
 * @param reservations the reservations to settle when it ends: the accounts and the request ids they are held under
 * @param tags the request tags it was submitted with, for the log
 * @param endUser the end user it was submitted for, for the log
 * @param inputFileId its input file (OpenAI)
 * @param state {@code open} until settled, then {@code settled}
 * @param createdAt when it was submitted
 * @param expiresAt after this it can no longer run: its provider ends it by then (the completion window)
 */
public record BatchJob(String id, String format, String provider, String keyName, Optional<String> virtualKeyId,
                       Optional<String> teamId, Optional<String> customerId, String model, String endpoint,
                       int lines, long reservedNanos, List<Held> reservations, Map<String, String> tags,
                       Optional<String> endUser, Optional<String> inputFileId, String state, Instant createdAt,
                       Instant expiresAt) {

    /** A batch not settled yet. */
    public static final String OPEN = "open";
    /** A batch whose lines were priced, logged and charged. */
    public static final String SETTLED = "settled";

    public BatchJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(virtualKeyId, "virtualKeyId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(endUser, "endUser");
        Objects.requireNonNull(inputFileId, "inputFileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        reservations = List.copyOf(reservations);
        tags = Map.copyOf(tags);
    }

    /**
     * One reservation held for a batch.
     *
     * @param accountId the account it is on
     * @param ledgerId the request id it is held under there
     */
    public record Held(String accountId, String ledgerId) {

        public Held {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(ledgerId, "ledgerId");
            if (accountId.contains("\t") || accountId.contains("\n") || ledgerId.contains("\t")
                    || ledgerId.contains("\n")) {
                throw new IllegalArgumentException("account and request ids cannot hold tabs or line breaks");
            }
        }
    }
}
