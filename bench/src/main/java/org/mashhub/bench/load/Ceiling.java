package org.mashhub.bench.load;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling of this machine for what the hub does per event, measured in the same run as the hub:
 * <ul>
 *   <li>plain embedded Artemis on the hub's journal settings (NIO, synced transactional and non-transactional
 *       writes): 32 producers sending durable 2 KiB messages while 8 transacted consumers take them, one commit
 *       each, for the duration: messages through per second;</li>
 *   <li>plain JDBC: 8 threads inserting audit-sized rows (twelve columns, about 400 bytes), one commit each, into
 *       the hub's database kind (H2 file with every commit written, or PostgreSQL): rows per second.</li>
 * </ul>
 * Arguments: {@code embedded|postgres}, work directory, seconds, [PostgreSQL URL]. Prints {@code ceiling broker <n>
 * msg/s} and {@code ceiling jdbc <n> rows/s}.
 */
public final class Ceiling {

    /** The report, on standard output (bench/run.sh reads it). */
    private static final Logger report = LoggerFactory.getLogger("report");

    static final int PRODUCERS = 32;
    static final int CONSUMERS = 8;
    static final int WRITERS = 8;
    static final int MESSAGE_BYTES = 2048;

    public static void main(String[] args) throws Exception {
        String database = args[0];
        Path work = Path.of(args[1]);
        Duration duration = Duration.ofSeconds(Long.parseLong(args[2]));
        double[] broker = broker(work.resolve("artemis"), duration);
        // The broker's own CPU per message: what a hub event, one durable send and one transacted receive, costs at least.
        report.info(String.format("ceiling broker %.0f msg/s, %.2f ms of CPU per message", broker[0], broker[1]));
        String url = database.equals("postgres") ? args[3]
                : "jdbc:h2:file:" + work.resolve("h2").resolve("ceiling").toAbsolutePath() + ";WRITE_DELAY=0";
        report.info(String.format("ceiling jdbc %.0f rows/s", jdbc(url, database.equals("postgres") ? "postgres" : "sa", duration)));
        System.exit(0);
    }

    /** Messages through per second, and the milliseconds of this process's CPU per message. */
    static double[] broker(Path dir, Duration duration) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setPersistenceEnabled(true);
        configuration.setJournalType(JournalType.NIO);
        configuration.setJournalSyncTransactional(true);
        configuration.setJournalSyncNonTransactional(true);
        configuration.setSecurityEnabled(false);
        configuration.setJournalDirectory(dir.resolve("journal").toString());
        configuration.setBindingsDirectory(dir.resolve("bindings").toString());
        configuration.setPagingDirectory(dir.resolve("paging").toString());
        configuration.setLargeMessagesDirectory(dir.resolve("large").toString());
        configuration.addAcceptorConfiguration("in-vm", "vm://0");
        configuration.addQueueConfiguration(QueueConfiguration.of("ceiling").setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        try {
            ConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong consumed = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + CONSUMERS);
            List<Future<?>> work = new ArrayList<>();
            byte[] payload = new byte[MESSAGE_BYTES];
            for (int p = 0; p < PRODUCERS; p++) {
                work.add(threads.submit(() -> {
                    try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED)) {
                        Queue queue = context.createQueue("ceiling");
                        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                        while (running.get()) {
                            BytesMessage message = context.createBytesMessage();
                            message.writeBytes(payload);
                            message.setStringProperty("JMSXGroupID", UUID.randomUUID().toString());
                            producer.send(queue, message);
                            context.commit();
                        }
                    }
                    return null;
                }));
            }
            for (int c = 0; c < CONSUMERS; c++) {
                work.add(threads.submit(() -> {
                    try (JMSContext context = factory.createContext(JMSContext.SESSION_TRANSACTED);
                         JMSConsumer consumer = context.createConsumer(context.createQueue("ceiling"))) {
                        while (running.get()) {
                            if (consumer.receive(100) != null) {
                                context.commit();
                                consumed.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(2_000); // warm up
            long from = consumed.get();
            long started = System.nanoTime();
            long cpuFrom = processCpuNanos();
            Thread.sleep(duration.toMillis());
            long through = consumed.get() - from;
            double rate = through / ((System.nanoTime() - started) / 1e9);
            double cpuMillisEach = (processCpuNanos() - cpuFrom) / 1e6 / Math.max(1, through);
            running.set(false);
            for (Future<?> f : work) {
                f.get();
            }
            threads.shutdown();
            return new double[] {rate, cpuMillisEach};
        } finally {
            server.stop();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double jdbc(String url, String user, Duration duration) throws Exception {
        try (Connection setup = DriverManager.getConnection(url, user, ""); Statement s = setup.createStatement()) {
            s.execute("drop table if exists ceiling_audit");
            s.execute("""
                    create table ceiling_audit (seq bigint primary key, recorded_at timestamp with time zone, action varchar(32),
                    actor varchar(128), correlation_id varchar(64), partner_id varchar(64), hub_message_id varchar(36),
                    event_id varchar(36), hub_child_id varchar(36), detail varchar(2000), prev_hash varchar(64), entry_hash varchar(64))""");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong inserted = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            work.add(threads.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, "");
                     PreparedStatement insert = c.prepareStatement("insert into ceiling_audit values (?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    c.setAutoCommit(false);
                    while (running.get()) {
                        insert.setLong(1, seq.incrementAndGet());
                        insert.setString(2, "PUBLISHED");
                        insert.setString(3, "hub");
                        insert.setString(4, UUID.randomUUID().toString());
                        insert.setString(5, "housing-demo");
                        insert.setString(6, UUID.randomUUID().toString());
                        insert.setString(7, UUID.randomUUID().toString());
                        insert.setString(8, UUID.randomUUID().toString());
                        insert.setString(9, "kind=ReferralEvent decision=SHARE rule=public-task agreement=isa-housing-demo-2026");
                        insert.setString(10, "0".repeat(64));
                        insert.setString(11, "f".repeat(64));
                        insert.executeUpdate();
                        c.commit();
                        inserted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(2_000);
        long from = inserted.get();
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        double rate = (inserted.get() - from) / ((System.nanoTime() - started) / 1e9);
        running.set(false);
        for (Future<?> f : work) {
            f.get();
        }
        threads.shutdown();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute("drop table ceiling_audit"); // the hub's database starts empty after it
        }
        return rate;
    }
}
