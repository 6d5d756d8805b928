package io.tollgate.cluster.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.cluster.store.StateStore;
import io.tollgate.cluster.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The batch files and batches in the state store's database (tables {@code batch_file} and {@code batch_job},
 * migration V11), shared by every node. A batch is settled by the node that {@link #claim claims} it: the claim is
 * a conditional update, so two nodes seeing it end at once do not both settle it, and a claim that lapses (its node
 * died) can be taken again; settling is idempotent anyway (ledger and log both key on ids). Thread-safe.
 */
public final class BatchStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FILE_COLUMNS = "id, provider, key_name, virtual_key_id, endpoint, model, line_count, "
            + "worst_nanos, input_tokens, output_tokens, created_at";
    private static final String JOB_COLUMNS = "id, format, provider, key_name, virtual_key_id, team_id, customer_id, "
            + "model, endpoint, line_count, reserved_nanos, reservations, dimensions, input_file_id, state, "
            + "created_at, expires_at";

    private final DataSource dataSource;

    private BatchStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The batches in the store's database (already migrated by {@link StateStore#open}). */
    public static BatchStore create(StateStore store) {
        return new BatchStore(Objects.requireNonNull(store, "store").dataSource());
    }

    /** Records an uploaded input file; a file recorded again (a retry) keeps its first record. */
    public void putFile(BatchFile file) {
        if (file(file.id()).isPresent()) {
            return;
        }
        update("storing a batch file", "INSERT INTO batch_file (" + FILE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?)", file.id(), file.provider(), file.keyName(), file.virtualKeyId().orElse(null),
                file.endpoint(), file.model(), file.lines(), file.worstNanos(), file.inputTokens(),
                file.outputTokens(), time(file.createdAt()));
    }

    /** The input file with this id, if it was uploaded through the gateway. */
    public Optional<BatchFile> file(String id) {
        return query("reading a batch file", "SELECT " + FILE_COLUMNS + " FROM batch_file WHERE id = ?",
                BatchStore::file, id).stream().findFirst();
    }

    /** Records a submitted batch, open. */
    public void putJob(BatchJob job) {
        update("storing a batch", "INSERT INTO batch_job (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?)", job.id(), job.format(), job.provider(), job.keyName(),
                job.virtualKeyId().orElse(null), job.teamId().orElse(null), job.customerId().orElse(null),
                job.model(), job.endpoint(), job.lines(), job.reservedNanos(), reservations(job.reservations()),
                dimensions(job.tags(), job.endUser()), job.inputFileId().orElse(null), job.state(),
                time(job.createdAt()), time(job.expiresAt()));
    }

    /** The batch with this id, if it was submitted through the gateway. */
    public Optional<BatchJob> job(String id) {
        return query("reading a batch", "SELECT " + JOB_COLUMNS + " FROM batch_job WHERE id = ?", BatchStore::job,
                id).stream().findFirst();
    }

    /** The batch whose output or error file this is, if any. */
    public Optional<BatchJob> jobOfResult(String fileId) {
        return query("reading a batch", "SELECT " + JOB_COLUMNS + " FROM batch_job WHERE output_file_id = ? OR "
                + "error_file_id = ?", BatchStore::job, fileId, fileId).stream().findFirst();
    }

    /** Notes the result files of a batch, so that its submitter may read them. */
    public void resultFiles(String id, Optional<String> outputFileId, Optional<String> errorFileId) {
        update("noting a batch's result files", "UPDATE batch_job SET output_file_id = COALESCE(?, output_file_id), "
                + "error_file_id = COALESCE(?, error_file_id) WHERE id = ?", outputFileId.orElse(null),
                errorFileId.orElse(null), id);
    }

    /**
     * Takes the right to settle an open batch for {@code hold}: true when this caller has it (no other claim is
     * running), false when the batch is settled or another node holds it.
     */
    public boolean claim(String id, String node, Instant now, Duration hold) {
        return update("claiming a batch", "UPDATE batch_job SET claimed_by = ?, claimed_until = ? WHERE id = ? AND "
                + "state = 'open' AND (claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)", node,
                time(now.plus(hold)), id, time(now), node) == 1;
    }

    /** Marks a claimed batch settled with what its lines cost in all. */
    public void settled(String id, long costNanos, int lines, Instant now) {
        update("settling a batch", "UPDATE batch_job SET state = 'settled', settled_at = ?, cost_nanos = ?, "
                + "settled_lines = ?, claimed_until = NULL WHERE id = ? AND state = 'open'", time(now), costNanos,
                lines, id);
    }

    /** Gives up a claim without settling (the provider could not be read), so the next sweep tries again. */
    public void release(String id, String node) {
        update("releasing a batch", "UPDATE batch_job SET claimed_until = NULL WHERE id = ? AND claimed_by = ?", id,
                node);
    }

    /** The open batches submitted from {@code from} to before {@code before}, oldest first, at most {@code limit}. */
    public List<BatchJob> open(Instant from, Instant before, int limit) {
        return query("listing open batches", "SELECT " + JOB_COLUMNS + " FROM batch_job WHERE state = 'open' AND "
                + "created_at >= ? AND created_at < ? ORDER BY created_at, id FETCH FIRST " + Math.max(1, limit)
                + " ROWS ONLY", BatchStore::job, time(from), time(before));
    }

    /**
     * One page of the batches a virtual key (or, ungoverned, nobody) submitted in one format, newest first.
     *
     * @param after the id of the last batch of the page before, if any (a batch not of this owner starts at the top)
     * @param limit the most to return
     */
    public List<BatchJob> jobs(Optional<String> owner, String format, Optional<String> after, int limit) {
        String who = owner.isPresent() ? "virtual_key_id = ?" : "virtual_key_id IS NULL";
        List<Object> args = new ArrayList<>();
        args.add(format);
        owner.ifPresent(args::add);
        String from = "";
        Optional<BatchJob> cursor = after.flatMap(this::job).filter(job -> job.virtualKeyId().equals(owner));
        if (cursor.isPresent()) {
            from = " AND (created_at < ? OR (created_at = ? AND id < ?))";
            args.add(time(cursor.get().createdAt()));
            args.add(time(cursor.get().createdAt()));
            args.add(cursor.get().id());
        }
        return query("listing batches", "SELECT " + JOB_COLUMNS + " FROM batch_job WHERE format = ? AND " + who + from
                + " ORDER BY created_at DESC, id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                BatchStore::job, args.toArray());
    }

    /** What a settled batch cost in all, in nano-dollars; empty while it is open. */
    public Optional<Long> settledCost(String id) {
        return query("reading a batch", "SELECT cost_nanos FROM batch_job WHERE id = ? AND state = 'settled'",
                rows -> rows.getLong(1), id).stream().findFirst();
    }

    private int update(String what, String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String what, String sql, Row<T> row, Object... args) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(row.read(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, args[i]);
            }
        }
    }

    private static BatchFile file(ResultSet rows) throws SQLException {
        return new BatchFile(rows.getString("id"), rows.getString("provider"), rows.getString("key_name"),
                Optional.ofNullable(rows.getString("virtual_key_id")), rows.getString("endpoint"),
                rows.getString("model"), rows.getInt("line_count"), rows.getLong("worst_nanos"),
                rows.getLong("input_tokens"), rows.getLong("output_tokens"), instant(rows, "created_at"));
    }

    private static BatchJob job(ResultSet rows) throws SQLException {
        Dimensions dimensions = dimensions(rows.getString("dimensions"));
        return new BatchJob(rows.getString("id"), rows.getString("format"), rows.getString("provider"),
                rows.getString("key_name"), Optional.ofNullable(rows.getString("virtual_key_id")),
                Optional.ofNullable(rows.getString("team_id")), Optional.ofNullable(rows.getString("customer_id")),
                rows.getString("model"), rows.getString("endpoint"), rows.getInt("line_count"),
                rows.getLong("reserved_nanos"), reservations(rows.getString("reservations")), dimensions.tags(),
                Optional.ofNullable(dimensions.endUser()), Optional.ofNullable(rows.getString("input_file_id")),
                rows.getString("state"), instant(rows, "created_at"), instant(rows, "expires_at"));
    }

    private static String reservations(List<BatchJob.Held> held) {
        StringBuilder text = new StringBuilder();
        for (BatchJob.Held h : held) {
            text.append(h.accountId()).append('\t').append(h.ledgerId()).append('\n');
        }
        if (text.length() > 4000) {
            throw new IllegalArgumentException("a batch holds reservations on too many accounts (" + held.size()
                    + ") to record");
        }
        return text.toString();
    }

    private static List<BatchJob.Held> reservations(String text) {
        List<BatchJob.Held> held = new ArrayList<>();
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                held.add(new BatchJob.Held(line.substring(0, tab), line.substring(tab + 1)));
            }
        }
        return held;
    }

    /** The stored form of a batch's tags and end user (version 1). */
    private record Dimensions(int v, Map<String, String> tags, String endUser) {
    }

    private static String dimensions(Map<String, String> tags, Optional<String> endUser) {
        try {
            String json = MAPPER.writeValueAsString(new Dimensions(1, new TreeMap<>(tags), endUser.orElse(null)));
            if (json.length() > 4000) {
                throw new IllegalArgumentException("a batch's tags are too long to record");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a batch's tags failed", e);
        }
    }

    private static Dimensions dimensions(String json) {
        try {
            Map<String, Object> read = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> tags = read.get("tags") instanceof Map<?, ?> map ? (Map<String, String>) map
                    : Map.of();
            return new Dimensions(1, tags, read.get("endUser") instanceof String user ? user : null);
        } catch (JsonProcessingException e) {
            throw new StoreException("a batch's stored tags cannot be read", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }
}
