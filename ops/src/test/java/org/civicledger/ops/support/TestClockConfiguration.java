package org.civicledger.ops.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the city's clock in tests: business dates become a test's choice. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

    /** A Monday in a week without holidays, after the date these tests were written. */
    public static final String START = "2026-12-07T10:00:00";

    @Bean
    @Primary
    public MutableClock testClock() {
        return MutableClock.at(START);
    }
}
