package org.civicledger.command.notices;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** A fresh in-memory H2 database in PostgreSQL mode, migrated by the real Flyway scripts. */
final class NoticeDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    final JdbcDataSource dataSource = new JdbcDataSource();
    final JdbcTemplate jdbc;
    final DataSourceTransactionManager transactions;
    final NoticeOutbox outbox;

    NoticeDatabase() {
        dataSource.setURL("jdbc:h2:mem:notices" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
                // V1_0 names columns day and year, keywords of H2 2.x; until that script changes, H2 is told they are not.
                + ";NON_KEYWORDS=DAY,YEAR");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        outbox = new NoticeOutbox(jdbc);
    }

    List<Map<String, Object>> notices() {
        return jdbc.queryForList("SELECT * FROM notice_outbox ORDER BY id");
    }

    Map<String, Object> notice(String noticeId) {
        return jdbc.queryForMap("SELECT * FROM notice_outbox WHERE notice_id = ?", noticeId);
    }

    Instant nextAttemptAt(String noticeId) {
        return jdbc.queryForObject("SELECT next_attempt_at FROM notice_outbox WHERE notice_id = ?",
                java.time.OffsetDateTime.class, noticeId).toInstant();
    }
}
