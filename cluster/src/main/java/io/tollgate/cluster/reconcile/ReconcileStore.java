package io.tollgate.cluster.reconcile;

import java.time.LocalDate;
import java.util.List;

/**
 * The provider figures table and the gateway's daily sums. Every method is a few SQL statements on the caller's
 * thread (call it off the request path); failures are {@link io.tollgate.cluster.store.StoreException}s.
 * Thread-safe.
 */
public interface ReconcileStore {

    /**
     * Replaces, in one transaction, every figure of one API source for a provider on the days {@code from} to
     * {@code to} (inclusive) with {@code figures}, so importing the same days again changes nothing and a model that
     * vanished from a corrected report vanishes here too.
     *
     * @throws IllegalArgumentException when a figure is of another provider or source, or outside the days
     */
    void replaceImported(String provider, String source, LocalDate from, LocalDate to, List<ProviderFigure> figures);

    /**
     * Stores an invoice upload in one transaction, all or nothing: for every day it covers, earlier invoice figures
     * of the provider are replaced by these (a corrected invoice supersedes the first).
     *
     * @throws IllegalArgumentException when a figure is of another provider or is not an invoice figure
     */
    void replaceInvoice(String provider, List<ProviderFigure> figures);

    /** Every stored figure of a provider on the days {@code from} to {@code to} (inclusive), by day and model. */
    List<ProviderFigure> figures(String provider, LocalDate from, LocalDate to);

    /** The gateway's sums per day and model for a provider on the days {@code from} to {@code to} (inclusive). */
    List<GatewayFigure> gateway(String provider, LocalDate from, LocalDate to);
}
