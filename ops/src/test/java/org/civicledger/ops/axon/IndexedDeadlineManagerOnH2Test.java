package org.civicledger.ops.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.civicledger.events.common.Actor;
import org.civicledger.events.common.Money;
import org.civicledger.events.common.NationalId;
import org.civicledger.events.payments.BillCommands.CancelBill;
import org.civicledger.events.payments.BillCommands.IssueBill;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.PaymentReferenceCommands.RegisterFeeClass;
import org.civicledger.events.reference.ReferenceCommands.RegisterAgency;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Aggregates cancel their own persistent deadlines by id through the index, and nobody else's: two bills each get a
 * due-date deadline; cancelling one bill removes its task and index row and leaves the other's. Stale rows of
 * deadlines long gone are purged; pending ones are kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "ledger.data-dir=${java.io.tmpdir}/civic-ledger-test-${random.uuid}",
        "ledger.notices.dispatch.enabled=false"})
class IndexedDeadlineManagerOnH2Test {

    private static final Actor LOADER = Actor.system("test-loader");

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadlineManager deadlines;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    private List<String> pendingTasksOf(String billId) {
        return jdbc.queryForList("SELECT t.task_instance FROM scheduled_tasks t JOIN deadline_schedule d ON d.schedule_id = t.task_instance "
                + "WHERE d.deadline_name = 'bill-due-date' AND d.scope_key LIKE ?", String.class, "%[" + billId + "]%");
    }

    @Test
    void cancelling_one_aggregates_deadline_leaves_the_others_and_stale_index_rows_are_purged() {
        assertThat(deadlines).isInstanceOf(IndexedDeadlineManager.class);
        String agency = "AG-" + suffix;
        String feeClass = "FEE-" + suffix;
        Actor officer = Actor.officer("officer-" + suffix, agency);
        commands.sendAndWait(new RegisterAgency(agency, "Department of Deadlines", "ra-" + suffix, LOADER));
        commands.sendAndWait(new RegisterFeeClass(feeClass, "Permit fee", FeeKind.GOVERNMENT_FEE, agency, null,
                "revenue:" + agency + ":" + feeClass, "rf-" + suffix, LOADER));
        Payer payer = new Payer("citizen-" + suffix, new NationalId("A123456789"), "Lin Mei");
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Taipei")).plusDays(30);
        for (String bill : List.of("bill-a-" + suffix, "bill-b-" + suffix)) {
            commands.sendAndWait(new IssueBill(bill, feeClass, payer, Money.twd(100), due, new BillReference(BillReference.Kind.TAX_BILL,
                    "T-" + bill), "cmd-" + bill, officer));
        }
        assertThat(pendingTasksOf("bill-a-" + suffix)).hasSize(1);
        assertThat(pendingTasksOf("bill-b-" + suffix)).hasSize(1);
        String taskOfB = pendingTasksOf("bill-b-" + suffix).get(0);

        commands.sendAndWait(new CancelBill("bill-a-" + suffix, "issued in error", "cancel-a-" + suffix, officer));

        assertThat(pendingTasksOf("bill-a-" + suffix)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadline_schedule WHERE scope_key LIKE ?", Integer.class,
                "%[bill-a-" + suffix + "]%")).isZero();
        assertThat(pendingTasksOf("bill-b-" + suffix)).containsExactly(taskOfB);

        // A row whose deadline passed long ago and whose task is gone is purged; a pending one stays.
        jdbc.update("INSERT INTO deadline_schedule (schedule_id, deadline_name, scope_key, trigger_at) VALUES (?, ?, ?, ?)",
                "gone-" + suffix, "bill-due-date", "stale", Timestamp.from(Instant.now().minusSeconds(3 * 86_400)));
        assertThat(((IndexedDeadlineManager) deadlines).purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deadline_schedule WHERE schedule_id = ?", Integer.class, "gone-" + suffix))
                .isZero();
        assertThat(pendingTasksOf("bill-b-" + suffix)).containsExactly(taskOfB);
    }
}
