package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.cluster.reconcile.ProviderFigure;
import io.tollgate.cluster.reconcile.ReconcileStore;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.reconcile.ImportException;
import io.tollgate.node.reconcile.InvoiceCsv;
import io.tollgate.node.reconcile.ReconcileImports;
import io.tollgate.node.reconcile.Reconciliation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Reconciliation's management routes: {@code GET /api/reconcile?provider=&period=YYYY-MM} (or {@code from} and
 * {@code to} days, inclusive), {@code POST /api/reconcile/import?provider=} (pull the provider's admin API now) and
 * {@code POST /api/reconcile/invoices?provider=} (a CSV invoice as the body, stored all or nothing).
 */
final class ReconcileAdmin {

    /** The longest period one comparison covers. */
    private static final int MAX_DAYS = 366;

    private final TollgateConfig config;
    private final PricingCatalog catalog;
    private final ReconcileStore store;
    private final ReconcileImports imports;

    ReconcileAdmin(TollgateConfig config, PricingCatalog catalog, ReconcileStore store, ReconcileImports imports) {
        this.config = config;
        this.catalog = catalog;
        this.store = store;
        this.imports = imports;
    }

    ObjectNode compare(ServerRequest req) {
        ProviderConfig provider = provider(req);
        LocalDate[] range = range(req);
        Reconciliation.Report report = Reconciliation.compare(store.gateway(provider.name(), range[0], range[1]),
                store.figures(provider.name(), range[0], range[1]),
                model -> catalog.price(provider.name(), provider.type(), model));
        return ReconcileJson.report(provider.name(), range[0], range[1], report);
    }

    ObjectNode importNow(ServerRequest req) {
        ProviderConfig provider = provider(req);
        ReconcileImports.ImportResult result;
        try {
            result = imports.importNow(provider.name()).orElseThrow(() -> GatewayException.invalid("provider",
                    "no reconcile source is configured for provider '" + provider.name() + "'"));
        } catch (ImportException e) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "The import failed: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("provider", result.provider());
        out.put("source", result.source());
        out.put("from", result.from().toString());
        out.put("to", result.to().toString());
        out.put("figures", result.figures());
        return out;
    }

    ObjectNode invoice(ServerRequest req) {
        ProviderConfig provider = provider(req);
        int limit = config.reconcile().maxInvoiceBytes();
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body could not be read.");
        }
        if (body.length > limit) {
            throw GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "The invoice is larger than " + limit
                    + " bytes (reconcile.max_invoice_bytes).");
        }
        String upload = "inv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        List<ProviderFigure> figures;
        try {
            figures = InvoiceCsv.parse(new String(body, StandardCharsets.UTF_8), provider.name(),
                    ProviderFigure.CSV_PREFIX + upload);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("body", "invoice " + e.getMessage() + "; nothing was stored");
        }
        store.replaceInvoice(provider.name(), figures);
        ObjectNode out = Json.object();
        out.put("provider", provider.name());
        out.put("upload_id", upload);
        out.put("source", ProviderFigure.CSV_PREFIX + upload);
        out.put("lines", figures.size());
        return out;
    }

    private ProviderConfig provider(ServerRequest req) {
        String name = req.query().first("provider").asOptional().filter(p -> !p.isBlank())
                .orElseThrow(() -> GatewayException.invalid("provider", "provider is required"));
        return config.provider(name).orElseThrow(() -> GatewayException.invalid("provider",
                "no provider named '" + name + "' is configured"));
    }

    private static LocalDate[] range(ServerRequest req) {
        var period = req.query().first("period").asOptional();
        if (period.isPresent()) {
            try {
                YearMonth month = YearMonth.parse(period.get());
                return new LocalDate[] {month.atDay(1), month.atEndOfMonth()};
            } catch (DateTimeParseException e) {
                throw GatewayException.invalid("period", "period must look like 2026-11, was '" + period.get() + "'");
            }
        }
        LocalDate from = day(req, "from");
        LocalDate to = day(req, "to");
        if (to.isBefore(from) || from.plusDays(MAX_DAYS).isBefore(to)) {
            throw GatewayException.invalid("to", "to must be on or after from and at most " + MAX_DAYS
                    + " days later, were " + from + " and " + to);
        }
        return new LocalDate[] {from, to};
    }

    private static LocalDate day(ServerRequest req, String name) {
        String text = req.query().first(name).asOptional().orElseThrow(() -> GatewayException.invalid("period",
                "give period=YYYY-MM, or from and to days"));
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(name, name + " must be a day such as 2026-11-01, was '" + text + "'");
        }
    }
}
