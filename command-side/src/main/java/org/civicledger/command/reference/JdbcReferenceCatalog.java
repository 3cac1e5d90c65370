package org.civicledger.command.reference;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.civicledger.events.common.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The reference catalog read from the command side's own tables (see {@link ReferenceCatalogUpdater}).
 *
 * <p>Case-type terms are read by every submission, so they are cached in memory. Consistency window:
 * <ul>
 *   <li>a change stored <em>on this node</em> is seen by the next command: {@link ReferenceCatalogUpdater}
 *       drops the entry in the transaction that stores the change and again when it commits, and a
 *       lookup that read the table before that commit does not put its (old) row into the cache
 *       (a generation counter);</li>
 *   <li>a change stored <em>on another node</em> is seen here at the latest {@link #CASE_TYPE_TIME_TO_LIVE}
 *       after it committed: until then a submission on this node may still be taken under the former
 *       terms (documents, fee, statutory days, certificate), as it would have been a moment before the change;</li>
 *   <li>an unknown case type is never cached: a type registered anywhere is offered at once.</li>
 * </ul>
 * The time to live runs on {@link System#nanoTime()}, not on the business clock.
 */
@Component
public class JdbcReferenceCatalog implements ReferenceCatalog {

    /** How long another node's case-type change can go unseen here (same as the calendar's cache). */
    public static final Duration CASE_TYPE_TIME_TO_LIVE = Duration.ofSeconds(10);
    private static final int CASE_TYPES_CACHED_MAX = 10_000;

    private final JdbcTemplate jdbc;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Cached> caseTypes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public JdbcReferenceCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.ttlNanos = CASE_TYPE_TIME_TO_LIVE.toNanos();
    }

    @Override
    public Optional<CaseTypeTerms> caseType(String caseTypeCode) {
        if (caseTypeCode == null) {
            return Optional.empty();
        }
        Cached cached = caseTypes.get(caseTypeCode);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAtNanos < ttlNanos) {
            return Optional.of(cached.terms);
        }
        long readInGeneration = generation.get();
        List<CaseTypeTerms> rows = jdbc.query(
                "SELECT case_type_code, agency_code, name, required_documents, fee_minor, fee_currency, statutory_days, "
                        + "issues_certificate FROM cmd_case_type WHERE case_type_code = ?",
                (rs, i) -> new CaseTypeTerms(rs.getString(1), rs.getString(2), rs.getString(3),
                        splitDocuments(rs.getString(4)), new Money(rs.getLong(5), rs.getString(6)), rs.getInt(7), rs.getBoolean(8)),
                caseTypeCode);
        Optional<CaseTypeTerms> terms = rows.stream().findFirst();
        if (terms.isPresent()) {
            remember(caseTypeCode, terms.get(), now, readInGeneration);
        }
        return terms;
    }

    @Override
    public boolean agencyExists(String agencyCode) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", Integer.class, agencyCode);
        return count != null && count > 0;
    }

    /**
     * Drops the cached terms of a case type now and, when called inside a transaction, again after it
     * commits (a lookup in between may have read the former row). Called by the updater that stores the change.
     */
    public void caseTypeChanged(String caseTypeCode) {
        evict(caseTypeCode);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(caseTypeCode);
                }
            });
        }
    }

    /** Drops every cached case type (a replay of the reference catalog). */
    public void invalidateAll() {
        generation.incrementAndGet();
        caseTypes.clear();
    }

    private void evict(String caseTypeCode) {
        generation.incrementAndGet();
        caseTypes.remove(caseTypeCode);
    }

    private void remember(String caseTypeCode, CaseTypeTerms terms, long loadedAtNanos, long readInGeneration) {
        if (caseTypes.size() >= CASE_TYPES_CACHED_MAX) {
            caseTypes.clear();
        }
        caseTypes.put(caseTypeCode, new Cached(terms, loadedAtNanos));
        if (generation.get() != readInGeneration) {
            // A change was stored while we read: what we read may be the former row; don't keep it.
            caseTypes.remove(caseTypeCode);
        }
    }

    static String joinDocuments(List<String> documents) {
        return String.join(",", documents);
    }

    static List<String> splitDocuments(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private record Cached(CaseTypeTerms terms, long loadedAtNanos) {
    }
}
