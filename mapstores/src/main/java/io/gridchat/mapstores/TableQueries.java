package io.gridchat.mapstores;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SQL of one table keyed by one or two columns: multi-row upsert, and select and delete by a list of keys.
 * Upserts use {@code INSERT ... ON DUPLICATE KEY UPDATE c=VALUES(c)}, which both MySQL 8 and MariaDB 11 accept
 * (MySQL's row alias form is unknown to MariaDB), so writing the same rows twice leaves the same rows.
 * Keys with two columns are grouped by their first column: {@code (a=? AND b IN (?,?)) OR (a=? AND b IN (?))},
 * which both databases answer from the primary key. Immutable and thread-safe.
 */
public final class TableQueries {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
    /** Upsert texts kept per table; the first sizes asked for (the full-size statement among them) stay. */
    private static final int MAX_CACHED_UPSERTS = 64;

    private final String table;
    private final List<String> keyColumns;
    private final List<String> valueColumns;
    private final String columnList;
    private final String upsertTail;
    private final String tuple;
    /** Upsert SQL by row count (bounded): the write-behind path asks for the full-size one over and over. */
    private final Map<Integer, String> upsertSql = new ConcurrentHashMap<>();

    public TableQueries(String table, List<String> keyColumns, List<String> valueColumns) {
        if (keyColumns.isEmpty() || keyColumns.size() > 2) {
            throw new IllegalArgumentException("tables are keyed by one or two columns, not " + keyColumns);
        }
        Stream.concat(Stream.of(table), Stream.concat(keyColumns.stream(), valueColumns.stream()))
                .filter(name -> !IDENTIFIER.matcher(name).matches()).findAny().ifPresent(name -> {
                    throw new IllegalArgumentException("not a plain SQL identifier: " + name);
                });
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
        this.columnList = String.join(", ", Stream.concat(keyColumns.stream(), valueColumns.stream()).toList());
        List<String> updated = valueColumns.isEmpty() ? keyColumns.subList(0, 1) : valueColumns;
        this.upsertTail = " ON DUPLICATE KEY UPDATE "
                + updated.stream().map(column -> column + " = VALUES(" + column + ")").collect(Collectors.joining(", "));
        this.tuple = "(" + placeholders(keyColumns.size() + valueColumns.size()) + ")";
    }

    /** Columns of a row: key columns then value columns. */
    public int width() {
        return keyColumns.size() + valueColumns.size();
    }

    /**
     * The text of one statement that inserts or overwrites {@code rows} rows of {@link #width()} parameters each
     * (key columns then value columns, row after row); cached for up to {@value #MAX_CACHED_UPSERTS} row counts.
     */
    public String upsertSql(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("no rows for a statement on " + table);
        }
        String cached = upsertSql.get(rows);
        if (cached != null) {
            return cached;
        }
        String sql = "INSERT INTO " + table + " (" + columnList + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, tuple)) + upsertTail;
        if (upsertSql.size() < MAX_CACHED_UPSERTS) {
            upsertSql.putIfAbsent(rows, sql);
        }
        return sql;
    }

    public String table() {
        return table;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public List<String> valueColumns() {
        return valueColumns;
    }

    /** One statement that inserts or overwrites every row; a row is key columns then value columns. */
    public BoundSql upsert(List<Object[]> rows) {
        requireNotEmpty(rows);
        int width = width();
        List<Object> parameters = new ArrayList<>(rows.size() * width);
        for (Object[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException(table + " rows have " + width + " columns, not " + row.length);
            }
            parameters.addAll(Arrays.asList(row));
        }
        return new BoundSql(upsertSql(rows.size()), parameters);
    }

    /** Every column of the rows with these keys (each key: its key column values). Missing keys are absent. */
    public BoundSql select(List<Object[]> keys) {
        BoundSql where = whereKeys(keys);
        return new BoundSql("SELECT " + columnList + " FROM " + table + " WHERE " + where.sql(), where.parameters());
    }

    /** Deletes the rows with these keys; missing keys are no error. */
    public BoundSql delete(List<Object[]> keys) {
        BoundSql where = whereKeys(keys);
        return new BoundSql("DELETE FROM " + table + " WHERE " + where.sql(), where.parameters());
    }

    private BoundSql whereKeys(List<Object[]> keys) {
        requireNotEmpty(keys);
        if (keyColumns.size() == 1) {
            List<Object> values = keys.stream().map(key -> key[0]).toList();
            return new BoundSql(keyColumns.get(0) + " IN (" + placeholders(values.size()) + ")", values);
        }
        Map<Object, List<Object>> byLead = new LinkedHashMap<>();
        for (Object[] key : keys) {
            byLead.computeIfAbsent(key[0], lead -> new ArrayList<>()).add(key[1]);
        }
        List<String> groups = new ArrayList<>(byLead.size());
        List<Object> parameters = new ArrayList<>(keys.size() + byLead.size());
        byLead.forEach((lead, rest) -> {
            groups.add("(" + keyColumns.get(0) + " = ? AND " + keyColumns.get(1) + " IN (" + placeholders(rest.size())
                    + "))");
            parameters.add(lead);
            parameters.addAll(rest);
        });
        return new BoundSql(String.join(" OR ", groups), parameters);
    }

    /** {@code ?, ?, ?}: n placeholders for an IN list. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private void requireNotEmpty(List<?> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no rows for a statement on " + table);
        }
    }
}
