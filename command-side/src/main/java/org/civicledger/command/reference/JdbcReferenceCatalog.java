package org.civicledger.command.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.civicledger.events.common.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The reference catalog read from the command side's own tables (see {@link ReferenceCatalogUpdater}). */
@Component
public class JdbcReferenceCatalog implements ReferenceCatalog {

    private final JdbcTemplate jdbc;

    public JdbcReferenceCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CaseTypeTerms> caseType(String caseTypeCode) {
        if (caseTypeCode == null) {
            return Optional.empty();
        }
        List<CaseTypeTerms> rows = jdbc.query(
                "SELECT case_type_code, agency_code, name, required_documents, fee_minor, fee_currency, statutory_days "
                        + "FROM cmd_case_type WHERE case_type_code = ?",
                (rs, i) -> new CaseTypeTerms(rs.getString(1), rs.getString(2), rs.getString(3),
                        splitDocuments(rs.getString(4)), new Money(rs.getLong(5), rs.getString(6)), rs.getInt(7)),
                caseTypeCode);
        return rows.stream().findFirst();
    }

    @Override
    public boolean agencyExists(String agencyCode) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM cmd_agency WHERE agency_code = ?", Integer.class, agencyCode);
        return count != null && count > 0;
    }

    static String joinDocuments(List<String> documents) {
        return String.join(",", documents);
    }

    static List<String> splitDocuments(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
