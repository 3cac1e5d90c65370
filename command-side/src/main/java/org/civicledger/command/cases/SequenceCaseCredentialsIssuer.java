package org.civicledger.command.cases;

import java.security.SecureRandom;
import java.time.LocalDate;
import org.civicledger.events.cases.CasePasswordHash;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues case numbers from a database sequence and passwords from a secure random source.
 *
 * <p>A case number reads {@code <agency>-<ROC year><month><day>-<serial>}, e.g.
 * {@code TCG-A01-1151126-000042}: the ROC year is how Taiwanese offices write dates, and the serial
 * comes from one shared sequence, so numbers are unique across every ledger node. Passwords are
 * eight characters from an alphabet without look-alikes (no 0/O, 1/l/I), easy to read out on a phone.
 */
@Component
public class SequenceCaseCredentialsIssuer implements CaseCredentialsIssuer {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int PASSWORD_LENGTH = 8;
    private static final int SALT_BYTES = 16;

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    public SequenceCaseCredentialsIssuer(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public CaseCredentials issue(String agencyCode, LocalDate acceptedOn) {
        Long serial = jdbc.queryForObject("SELECT nextval('case_number_seq')", Long.class);
        String number = String.format("%s-%03d%02d%02d-%06d", agencyCode, acceptedOn.getYear() - 1911,
                acceptedOn.getMonthValue(), acceptedOn.getDayOfMonth(), serial);
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        String plain = new String(password);
        return new CaseCredentials(number, plain, CasePasswordHash.hash(plain, salt));
    }
}
