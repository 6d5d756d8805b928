package io.tollgate.bench;

import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.adapters.pricing.Price;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.config.ProviderType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one request: the model's price from the bundled catalog ({@link PricingCatalog#price}, the name as an
 * upstream reports it, with a date suffix, so the lookup also strips it), then {@link Price#cost} of the usage (the
 * account stage's formula, integer nano-dollars), and the cost as the {@code x-tollgate-cost-usd} header text.
 * {@code lookup} is the catalog lookup alone (the baseline); {@code plainUsage} prices input and output tokens,
 * {@code cachedAndReasoning} also cached input and reasoning tokens (every rate of the formula). See bench/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CostBenchmark {

    /** The model as the upstream names it (a dated snapshot of a catalog entry). */
    static final String MODEL = "o4-mini-2025-04-16";

    private PricingCatalog catalog;
    private Usage plain;
    private Usage cachedAndReasoning;

    /** Loads the bundled catalog and checks that the model is priced. */
    @Setup(Level.Trial)
    public void load() {
        catalog = PricingCatalog.bundled();
        plain = Usage.of(1_200, 350);
        cachedAndReasoning = new Usage(400, 800, 0, 0, 350, 1_024);
        if (lookup().isEmpty()) {
            throw new IllegalStateException("the bundled catalog has no price for openai " + MODEL);
        }
    }

    /** The catalog lookup alone. */
    @Benchmark
    public java.util.Optional<Price> lookup() {
        return catalog.price("openai", ProviderType.OPENAI, MODEL);
    }

    /** Lookup, cost of 1,200 input and 350 output tokens, and the header text. */
    @Benchmark
    public String plainUsage() {
        return cost(plain);
    }

    /** Lookup, cost of 400 input, 800 cached input, 350 output and 1,024 reasoning tokens, and the header text. */
    @Benchmark
    public String cachedAndReasoning() {
        return cost(cachedAndReasoning);
    }

    private String cost(Usage usage) {
        Money money = catalog.price("openai", ProviderType.OPENAI, MODEL).orElseThrow().cost(usage);
        return money.toUsdString();
    }
}
