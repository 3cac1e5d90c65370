package org.civicledger.ops.receipts;

import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The token store of a second ledger node started inside a test's JVM. Axon names a token's owner after the JVM
 * ({@code pid@host}), so two nodes in one JVM would both believe they hold every segment and process the same events;
 * a node id of its own makes them share the segments as two real nodes do.
 */
@TestConfiguration(proxyBeanMethods = false)
class OtherNodeTokenStore {

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder().connectionProvider(connectionProvider).schema(TokenSchema.builder().build()).serializer(serializer)
                .nodeId("test-node-" + UUID.randomUUID()).build();
    }
}
