package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.config.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process that is writing to the embedded H2 store and checks that every write it acknowledged
 * is in the file afterwards: the guarantee {@code WRITE_DELAY=0} is there for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KilledProcessIT {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepEveryAcknowledgedWriteOfAKilledProcess() throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(),
                dataDir.toString(), "killed")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<Long> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                acked.add(Long.parseLong(line.substring("acked ".length())));
            }
            // through the handle: Process.destroyForcibly would also close our end of the pipe
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // lines the writer printed before it died were acknowledged too; a cut-off last line was not
            while ((line = out.readLine()) != null) {
                if (line.matches("acked \\d+")) {
                    acked.add(Long.parseLong(line.substring("acked ".length())));
                }
            }
        }
        assertThat(writer.exitValue()).isEqualTo(137);
        assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (StateStore store = StateStore.open(new StoreConfig(Optional.empty(), Optional.empty(),
                Optional.empty(), dataDir))) {
            JdbcMapStore<String> entries = JdbcMapStore.create(store, "killed", new PrefixCodec());
            Map<String, String> expected = new HashMap<>();
            acked.forEach(i -> expected.put("key-" + i, "spend-" + i));
            assertThat(entries.loadAll(expected.keySet())).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }
}
