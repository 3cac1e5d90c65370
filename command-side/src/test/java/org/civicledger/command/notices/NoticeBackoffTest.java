package org.civicledger.command.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NoticeBackoffTest {

    private final NoticeBackoff backoff = new NoticeBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 8);

    @Test
    void the_delay_doubles_after_each_failed_attempt_up_to_the_maximum() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void a_notice_is_given_up_once_the_maximum_of_attempts_is_made() {
        assertThat(backoff.givesUpAfter(7)).isFalse();
        assertThat(backoff.givesUpAfter(8)).isTrue();
    }

    @Test
    void a_backoff_without_positive_limits_is_refused() {
        assertThatThrownBy(() -> new NoticeBackoff(Duration.ZERO, Duration.ofMinutes(5), 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoticeBackoff(Duration.ofMinutes(10), Duration.ofMinutes(5), 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoticeBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
