package org.mashhub.hub.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStoreException;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The embedded H2 database with every commit written to its file before the commit returns, as with
 * {@code WRITE_DELAY=0}, but with commits that end together sharing one write.
 *
 * <p>H2 writes a commit by storing every page changed since its last store, and the root and inner pages above
 * them, of every table and index. With {@code WRITE_DELAY=0} it does that once per commit, one commit at a time,
 * even when the store just before already held this commit: under load that was a third of the hub's CPU. Here H2
 * keeps commits in memory ({@code WRITE_DELAY} above zero) and each commit, once H2 has made it, waits for a store
 * that began after it: the first to arrive stores for everyone whose commit ended before it began, and those waiting
 * meanwhile find their commit stored and go on. Nothing is answered, acknowledged or sent on before the commit that
 * records it is in the file, so a killed hub loses nothing it confirmed.
 *
 * <p>Commits are those of transactions ({@link Connection#commit()}, or switching auto-commit back on) and statements
 * that change data in auto-commit mode. The database file is written, not synced: power loss needs PostgreSQL, as
 * before.
 */
public final class H2GroupWrites extends DelegatingDataSource {

    private static final Set<String> CHANGES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");

    /** Commits made so far: a commit's ticket is the count once it is made. */
    private final AtomicLong commits = new AtomicLong();
    private final ReentrantLock storing = new ReentrantLock();
    /** Every commit with a ticket up to this is in the file. Guarded by {@link #storing}. */
    private long stored;
    /** Stores made by this class, for the bench and the tests. */
    private final AtomicLong stores = new AtomicLong();

    public H2GroupWrites(DataSource h2) {
        super(h2);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return writtenOnCommit(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return writtenOnCommit(super.getConnection(username, password));
    }

    /** Commits made through this data source. */
    public long commits() {
        return commits.get();
    }

    /** How many stores commits have waited for (fewer than commits when they share them). */
    public long stores() {
        return stores.get();
    }

    /** Returns once the commit just made on this connection is in the database file. */
    void awaitStored(Connection connection) throws SQLException {
        long ticket = commits.incrementAndGet();
        storing.lock();
        try {
            if (stored >= ticket) {
                return;
            }
            // Every commit counted by now ended before this store begins, so the store holds it.
            long covered = commits.get();
            session(connection).getDatabase().getStore().getMvStore().commit();
            stored = covered;
            stores.incrementAndGet();
        } catch (MVStoreException e) {
            throw new SQLException("the commit could not be written to the database file", e);
        } finally {
            storing.unlock();
        }
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    }

    private Connection writtenOnCommit(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    // Switching auto-commit on commits what is open. A transaction that changed nothing has nothing
                    // to write (read-only transactions end here too).
                    case "commit", "setAutoCommit" -> {
                        boolean commits = method.getName().equals("commit") || ((Boolean) args[0] && !connection.getAutoCommit());
                        boolean changed = commits && session(connection).hasPendingTransaction();
                        Object result = call(connection, method, args);
                        if (changed) {
                            awaitStored(connection);
                        }
                        yield result;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "createStatement" -> statement(connection, Statement.class, call(connection, method, args));
                    case "prepareStatement" -> statement(connection, PreparedStatement.class, call(connection, method, args));
                    case "prepareCall" -> statement(connection, CallableStatement.class, call(connection, method, args));
                    default -> call(connection, method, args);
                });
    }

    /** A statement that, in auto-commit mode, waits for the change it made to be stored. */
    private Object statement(Connection connection, Class<?> type, Object statement) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("equals")) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            Object result = call(statement, method, args);
            // execute() answers true for a query, which changed nothing.
            boolean changes = CHANGES.contains(method.getName()) && !(method.getName().equals("execute") && (Boolean) result);
            if (changes && connection.getAutoCommit()) {
                awaitStored(connection);
            }
            return result;
        });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
