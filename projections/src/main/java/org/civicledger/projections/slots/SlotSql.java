package org.civicledger.projections.slots;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the read-model table names in an SQL statement to those of one slot ({@code case_status} to
 * {@code case_status_b}), so a read model's handlers and queries, written against the slot-a names, read and write
 * either slot unchanged.
 *
 * <p>A name is replaced only as a whole identifier: {@code citizen_payment} is not touched inside
 * {@code citizen_payment_bill}, nor inside a column such as {@code citizen_payment_id}. What it cannot tell apart is a
 * string literal or a column alias spelled exactly like a table; the read models bind their values as parameters and
 * name no column after a table ({@code ReadModelSlotsTest} checks the statements of every read model against both
 * slots). Each distinct statement is rewritten once and remembered (statements are constants, so the cache is small;
 * it is bounded anyway).
 */
public final class SlotSql {

    private static final int CACHE_MAX = 4096;

    private final Map<String, String> renames;
    private final Pattern names;
    private final Map<String, String> rewritten = new ConcurrentHashMap<>();

    /** Rewrites with {@code renames} (slot-a name to this slot's name); an empty map leaves every statement as it is. */
    public SlotSql(Map<String, String> renames) {
        this.renames = Map.copyOf(renames);
        if (this.renames.isEmpty()) {
            this.names = null;
        } else {
            StringBuilder alternatives = new StringBuilder();
            // Longest first, so that a name that begins another never wins the alternation.
            this.renames.keySet().stream().sorted((x, y) -> y.length() - x.length()).forEach(name -> {
                if (!alternatives.isEmpty()) {
                    alternatives.append('|');
                }
                alternatives.append(Pattern.quote(name));
            });
            this.names = Pattern.compile("(?<![A-Za-z0-9_$\"])(" + alternatives + ")(?![A-Za-z0-9_$\"])", Pattern.CASE_INSENSITIVE);
        }
    }

    public String rewrite(String sql) {
        if (names == null || sql == null) {
            return sql;
        }
        String cached = rewritten.get(sql);
        if (cached != null) {
            return cached;
        }
        Matcher matcher = names.matcher(sql);
        StringBuilder result = new StringBuilder(sql.length() + 16);
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(renames.get(matcher.group(1).toLowerCase(java.util.Locale.ROOT))));
        }
        matcher.appendTail(result);
        String done = result.toString();
        if (rewritten.size() < CACHE_MAX) {
            rewritten.put(sql, done);
        }
        return done;
    }

    public boolean isIdentity() {
        return names == null;
    }
}
