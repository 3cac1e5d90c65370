package org.civicledger.command.documents;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Documents' bytes in the {@code document_content} table (BYTEA, never a large object: see docs/architecture.md). */
@Component
public class JdbcDocumentContents implements DocumentContents {

    private final JdbcTemplate jdbc;

    public JdbcDocumentContents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void store(String sha256, byte[] content, Instant storedAt) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM document_content WHERE sha256 = ?", Integer.class, sha256);
        if (known != null && known > 0) {
            return;
        }
        // Two registrations of the same new bytes at once: one insert loses on the key, its command fails and is retried.
        jdbc.update("INSERT INTO document_content (sha256, size_bytes, content, stored_at) VALUES (?, ?, ?, ?)",
                sha256, content.length, content, OffsetDateTime.ofInstant(storedAt, ZoneOffset.UTC));
    }

    @Override
    public Optional<byte[]> content(String sha256) {
        List<byte[]> rows = jdbc.query("SELECT content FROM document_content WHERE sha256 = ?", (row, index) -> row.getBytes(1), sha256);
        return rows.stream().findFirst();
    }
}
