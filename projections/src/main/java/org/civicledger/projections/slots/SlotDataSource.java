package org.civicledger.projections.slots;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The ledger's data source seen through one slot: every statement prepared or executed on its connections has its
 * read-model table names rewritten ({@link SlotSql}).
 *
 * <p>It hands out the connection of the transaction under way on the real data source, as Spring's
 * {@link TransactionAwareDataSourceProxy} does: a handler of slot b writes its rows in the processor's transaction,
 * which also stores its token, exactly as a handler of slot a does. Which rewriting applies is asked of
 * {@code rewriting} once per connection, so one statement never mixes two slots.
 */
public final class SlotDataSource extends TransactionAwareDataSourceProxy {

    private static final Set<String> PREPARING = Set.of("prepareStatement", "prepareCall", "nativeSQL");
    private static final Set<String> EXECUTING = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");

    private final Supplier<SlotSql> rewriting;

    public SlotDataSource(DataSource target, Supplier<SlotSql> rewriting) {
        super(target);
        this.rewriting = rewriting;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        SlotSql sql = rewriting.get();
        return sql.isIdentity() ? connection : rewritingProxy(Connection.class, connection, sql);
    }

    @SuppressWarnings("unchecked")
    private static <T> T rewritingProxy(Class<T> type, T target, SlotSql sql) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            String name = method.getName();
            if (arguments != null && arguments.length > 0 && arguments[0] instanceof String statement
                    && (PREPARING.contains(name) || (type == Statement.class && EXECUTING.contains(name)))) {
                arguments[0] = sql.rewrite(statement);
            }
            if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                return invoke(method, target, arguments);
            }
            Object result = invoke(method, target, arguments);
            if (type == Connection.class && name.equals("createStatement") && result instanceof Statement statement) {
                return rewritingProxy(Statement.class, statement, sql);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(SlotDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getTargetException();
        }
    }
}
