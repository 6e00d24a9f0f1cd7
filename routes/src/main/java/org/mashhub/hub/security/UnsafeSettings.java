package org.mashhub.hub.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Stops the hub before it starts when it would run outside the demo with the demo's secrets or other settings only
 * safe there: the demo's partner-key pepper, audit key, case-system secret, partner key hashes or staff password
 * hashes (every value the published {@code application-demo.yaml} holds); keys or passwords stored as plain text
 * ({@code {noop}}); staff accounts in the settings rather than the council's identity provider; the case-system
 * simulator; the demo's traffic; no audit key or pepper at all. Every problem is named at once.
 *
 * <p>The demo and the tests say {@code hub.security.demo-credentials-allowed: true}; nothing else should.
 */
public class UnsafeSettings implements EnvironmentPostProcessor {

    /** What is unsafe, one line a problem. */
    public static class Refused extends IllegalStateException {
        final List<String> problems;

        Refused(List<String> problems) {
            super("The hub will not start outside the demo with these settings: " + String.join("; ", problems));
            this.problems = problems;
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("hub.security.demo-credentials-allowed", Boolean.class, false)) {
            return;
        }
        PropertySource<?> demo = demoSettings();
        List<String> problems = new ArrayList<>();
        secret(environment, demo, "hub.partner-key-pepper", "HUB_PARTNER_KEY_PEPPER", problems);
        String auditKey = environment.getProperty("hub.audit.key");
        String auditKeyFile = environment.getProperty("hub.audit.key-file");
        if (blank(auditKey) && !blank(auditKeyFile)) {
            try {
                auditKey = Files.readString(Path.of(auditKeyFile)).strip();
            } catch (IOException e) {
                problems.add("hub.audit.key-file " + auditKeyFile + " cannot be read");
            }
        }
        if (blank(auditKey)) {
            problems.add("hub.audit.key is not set (HUB_AUDIT_KEY, or hub.audit.key-file): the audit's secret, 32 characters or more");
        } else if (auditKey.equals(demo.getProperty("hub.audit.key"))) {
            problems.add("hub.audit.key is the demo's published key");
        }
        signingSecrets(environment, demo, problems);
        List<Object> demoHashes = new ArrayList<>();
        each(i -> demo.getProperty("hub.partners[" + i + "].api-key-hash"), demoHashes::add);
        each(i -> demo.getProperty("hub.staff.users[" + i + "].password-hash"), demoHashes::add);
        for (int i = 0; environment.getProperty("hub.partners[" + i + "].api-key-hash") != null; i++) {
            String hash = environment.getProperty("hub.partners[" + i + "].api-key-hash");
            String partner = environment.getProperty("hub.partners[" + i + "].id");
            if (hash.startsWith("{noop}")) {
                problems.add("partner " + partner + ": its key is stored as plain text ({noop})");
            } else if (demoHashes.contains(hash)) {
                problems.add("partner " + partner + ": its key is a demo key");
            }
        }
        String caseSystemKey = environment.getProperty("hub.case-system.inbound-key-hash");
        if (!blank(caseSystemKey) && caseSystemKey.startsWith("{noop}")) {
            problems.add("hub.case-system.inbound-key-hash: the case system's key is stored as plain text ({noop})");
        }
        if (!blank(environment.getProperty("hub.staff.users[0].username"))) {
            problems.add("hub.staff.users: staff accounts with passwords in the settings are for the demo; staff sign in "
                    + "through the council's identity provider (the oidc profile)");
        }
        if (environment.getProperty("hub.case-system.simulator.enabled", Boolean.class, false)) {
            problems.add("hub.case-system.simulator.enabled: the simulated case system is for the demo");
        }
        if (environment.getProperty("hub.demo.traffic", Boolean.class, false)
                || environment.getProperty("hub.demo.history", Boolean.class, false)) {
            problems.add("hub.demo.traffic / hub.demo.history: made-up referrals are for the demo");
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
    }

    private static void secret(ConfigurableEnvironment environment, PropertySource<?> demo, String name, String variable,
                               List<String> problems) {
        String value = environment.getProperty(name);
        if (blank(value)) {
            problems.add(name + " is not set (" + variable + ")");
        } else if (value.equals(Objects.toString(demo.getProperty(name), null))) {
            problems.add(name + " is the demo's published value");
        }
    }

    /** The case system's signing secrets: a list (comma-separated, or indexed in YAML), none of them the demo's. */
    private static void signingSecrets(ConfigurableEnvironment environment, PropertySource<?> demo, List<String> problems) {
        String name = "hub.case-system.signing-secrets";
        List<String> secrets = new ArrayList<>();
        if (!blank(environment.getProperty(name))) {
            secrets.addAll(List.of(environment.getProperty(name).split("\\s*,\\s*")));
        }
        each(i -> environment.getProperty(name + "[" + i + "]"), found -> secrets.add(found.toString()));
        if (secrets.stream().allMatch(UnsafeSettings::blank)) {
            problems.add(name + " is not set (HUB_CASE_SYSTEM_SIGNING_SECRETS)");
        } else if (secrets.contains(Objects.toString(demo.getProperty(name), null))) {
            problems.add(name + " is the demo's published value");
        }
    }

    private static void each(IntFunction<Object> value, java.util.function.Consumer<Object> action) {
        for (int i = 0; ; i++) {
            Object found = value.apply(i);
            if (found == null) {
                return;
            }
            action.accept(found);
        }
    }

    private static PropertySource<?> demoSettings() {
        try {
            return new YamlPropertySourceLoader().load("demo", new ClassPathResource("application-demo.yaml")).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Prints the problems as Spring Boot prints a failed start: what is wrong, and what to do. */
    public static class Analyzer extends AbstractFailureAnalyzer<Refused> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, Refused cause) {
            return new FailureAnalysis("The hub will not start outside the demo with these settings:\n  - "
                    + String.join("\n  - ", cause.problems),
                    "Give the hub its own secrets (README, Configuration: production), or run the demo with "
                            + "--spring.profiles.active=demo on synthetic data only.", cause);
        }
    }
}
