package org.civicledger.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The payment bench does what it reports: every measured payment is initiated, called back, journaled and shown
 * paid; the raw phase inserts two rows per payment; nothing of the bench's scratch table is left behind. (Its
 * figures are measured by {@code ledger bench payments}, never asserted here.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.data-dir=${java.io.tmpdir}/civic-ledger-test-${random.uuid}",
        "ledger.notices.dispatch.enabled=false"})
class PaymentBenchOnH2Test {

    @Autowired
    CommandGateway gateway;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    org.civicledger.projections.slots.ReadModelSlots slots;

    @Test
    void a_small_run_pays_settles_and_journals_every_bill_and_prints_its_ratios() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        PaymentBench.Options options = new PaymentBench.Options(2, 6, 2);

        PaymentBench.Result result = new PaymentBench(gateway, jdbc, dataSource, slots, out).run(options);
        PaymentBench.print(result, options, out);

        assertThat(result.payments().operations()).isEqualTo(6);
        assertThat(result.payments().failures()).isZero();
        assertThat(result.endToEnd().operations()).isEqualTo(6);
        assertThat(result.raw().operations()).isEqualTo(12);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM citizen_bill WHERE fee_class_code = ? AND status = 'PAID'", Integer.class,
                PaymentBench.FEE_CLASS)).isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT SUM(debit_minor - credit_minor) FROM journal_line", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'bench_payment_raw'",
                Integer.class)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ratio (payments/s x 2 transactions)/raw inserts/s:");
    }
}
