package org.mashhub.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a JFR recording of the hub spent its CPU: the share of execution samples by thread, by the method running
 * (self) and by every method on the stack (inclusive) whose class starts with one of the prefixes given. Read a
 * recording of the hub under load, for example one {@code bench/run.sh} makes with {@code HUB_JAVA_OPTS}:
 * {@code java -cp bench/target/benchmarks.jar org.mashhub.bench.load.HotMethods hub.jfr [prefix ...]} (default prefixes:
 * the hub's and the adapters' packages and HL7's validator).
 */
public final class HotMethods {

    private static final Logger report = LoggerFactory.getLogger("report");

    private HotMethods() {
    }

    public static void main(String[] args) throws IOException {
        List<String> prefixes = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("org.mashhub.", "org.hl7.fhir.validation.instance.InstanceValidator.");
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                samples++;
                // pool threads by name without their numbers: http-nio-N-exec-N
                threads.merge(event.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N"), 1, Integer::sum);
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    // lambdas' hidden classes are named per run ($$Lambda$2208+0x...): the method that made them counts
                    if (!name.contains("$$Lambda") && prefixes.stream().anyMatch(name::startsWith) && seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        // a stack deeper than the recording's stackdepth (64 unless set) loses its outermost frames
        report.info("{} execution samples (threads running Java code: not GC, not time in the kernel)", samples);
        print("by thread", threads, samples, 15);
        print("self", self, samples, 30);
        print("inclusive", inclusive, samples, 60);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int limit) {
        report.info("--- {}", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(limit)
                .forEach(e -> report.info(String.format("%5.1f%% %s", 100.0 * e.getValue() / samples, e.getKey())));
    }
}
