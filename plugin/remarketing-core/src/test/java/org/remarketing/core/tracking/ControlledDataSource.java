package org.remarketing.core.tracking;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A real database a test can hold up (connections wait at a gate) and make fail (chosen commits
 * throw, as when the connection drops at that moment, and the transaction is rolled back).
 */
final class ControlledDataSource extends DelegatingDataSource {

    private volatile CountDownLatch gate;

    private final Semaphore atGate = new Semaphore(0);

    private final AtomicInteger commits = new AtomicInteger();

    private final Set<Integer> failingCommits = ConcurrentHashMap.newKeySet();

    ControlledDataSource(DataSource target) {
        super(target);
    }

    /** From now on, connections are handed out only once {@link #release()} is called. */
    void hold() {
        this.gate = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch held = this.gate;
        this.gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Waits until a thread waits at the gate for a connection. */
    void awaitWaiter() throws InterruptedException {
        if (!awaitWaiter(10, TimeUnit.SECONDS)) {
            throw new AssertionError("nobody asked for a connection");
        }
    }

    /** Whether another thread came to wait at the gate within the time. */
    boolean awaitWaiter(long timeout, TimeUnit unit) throws InterruptedException {
        return this.atGate.tryAcquire(timeout, unit);
    }

    /** The n-th commit from now (1 = the next) fails. */
    void failCommit(int n) {
        this.failingCommits.add(this.commits.get() + n);
    }

    @Override
    public Connection getConnection() throws SQLException {
        CountDownLatch held = this.gate;
        if (held != null) {
            this.atGate.release();
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new SQLException("gate not opened", "08001");
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the gate", "08001");
            }
        }
        Connection connection = super.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")
                            && this.failingCommits.remove(this.commits.incrementAndGet())) {
                        throw new SQLException("connection lost during commit", "08006");
                    }
                    try {
                        return method.invoke(connection, args);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }

}
