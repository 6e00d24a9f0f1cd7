package org.mashhub.adapters.health;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mashhub.schemas.Problem;

/**
 * The one FHIR R4 context and validator of the application. Both are expensive to build (seconds) and
 * thread-safe once built: build this once and share it. The validator is built, and warmed with the
 * samples given, on a background thread, so an application starts while it loads; the first validation
 * waits for it.
 *
 * <p>The validation chain: base R4 definitions, the hub's own conformance resources
 * ({@code schemas/health/profiles}), in-memory terminology for the small code systems, snapshots for
 * the hub's differential profiles, and a warning (not an error) for code systems no one here can check,
 * such as SNOMED CT. The chain caches what it looks up. Unknown extensions are allowed. After the warm-up, FHIR's base
 * definitions are held once, as HL7's validator's copy ({@link BaseDefinitions}).
 */
public final class HealthFhir {

    public static final String BASE = "https://mash-hub.example/fhir";
    public static final String MESSAGE_EVENT_SYSTEM = BASE + "/CodeSystem/message-event";
    /** The message event of the MASH's requests for information, and of partners' answers to them. */
    public static final String INFORMATION_REQUEST_EVENT = "information-request";
    public static final String CONCERN_CATEGORY_SYSTEM = BASE + "/CodeSystem/concern-category";
    public static final String DATA_CATEGORY_SYSTEM = BASE + "/CodeSystem/data-category";
    public static final String SAFEGUARDING_FLAG_SYSTEM = BASE + "/CodeSystem/safeguarding-flag";
    public static final String RISK_OF_SIGNIFICANT_HARM = BASE + "/StructureDefinition/risk-of-significant-harm";
    /** On a safeguarding Communication: the concern is about the subject's unborn child (value: expected date of delivery). */
    public static final String UNBORN_CHILD = BASE + "/StructureDefinition/unborn-child";
    /** On a newborn's Patient: the mother's NHS Number, linking the baby to the unborn child the hub knew. */
    public static final String BORN_TO = BASE + "/StructureDefinition/born-to";
    public static final String PROFILE_MESSAGE_HEADER = BASE + "/StructureDefinition/mash-message-header";
    public static final String PROFILE_PATIENT = BASE + "/StructureDefinition/mash-patient";
    public static final String PROFILE_COMMUNICATION = BASE + "/StructureDefinition/mash-safeguarding-communication";
    public static final String PROFILE_EMERGENCY_ENCOUNTER = BASE + "/StructureDefinition/mash-emergency-encounter";
    public static final String PROFILE_CONSENT = BASE + "/StructureDefinition/mash-consent";

    /** The conformance resources in {@code schemas/health/profiles}, loaded from the classpath. */
    static final List<String> CONFORMANCE_RESOURCES = List.of(
            "CodeSystem-message-event.json", "ValueSet-message-event.json",
            "CodeSystem-concern-category.json", "ValueSet-concern-category.json",
            "CodeSystem-data-category.json", "ValueSet-data-category.json",
            "CodeSystem-safeguarding-flag.json", "ValueSet-safeguarding-flag.json",
            "StructureDefinition-mash-message-header.json", "StructureDefinition-mash-patient.json",
            "StructureDefinition-mash-safeguarding-communication.json",
            "StructureDefinition-mash-emergency-encounter.json", "StructureDefinition-mash-consent.json",
            "StructureDefinition-risk-of-significant-harm.json", "StructureDefinition-unborn-child.json",
            "StructureDefinition-born-to.json");

    private final FhirContext context;
    private final CompletableFuture<FhirValidator> validator;
    private volatile int baseDefinitionsKeptOnce;

    /** Builds the validator now, on this thread. */
    public HealthFhir() {
        this(List.of(), Runnable::run);
    }

    /**
     * Builds the validator on the executor and validates the samples with it once, so caches are warm; then keeps one
     * copy of the base definitions the samples made the validator convert.
     */
    public HealthFhir(List<String> warmUpSamplesJson, Executor executor) {
        context = FhirContext.forR4();
        validator = CompletableFuture.supplyAsync(() -> {
            DefaultProfileValidationSupport base = new DefaultProfileValidationSupport(context);
            FhirValidator built = buildValidator(base);
            for (String sample : warmUpSamplesJson) {
                built.validateWithResult(context.newJsonParser().parseResource(sample));
            }
            if (!warmUpSamplesJson.isEmpty()) {
                baseDefinitionsKeptOnce = BaseDefinitions.keepOnlyTheValidatorsCopy(base);
            }
            return built;
        }, executor);
    }

    /**
     * How many of FHIR's base definitions are held once, as the validator's copy, since the warm-up ({@link BaseDefinitions});
     * none until the validator is ready, or when it was built without warming.
     */
    public int baseDefinitionsKeptOnce() {
        return baseDefinitionsKeptOnce;
    }

    /** Whether the validator is built and warm. */
    public boolean isReady() {
        return validator.isDone() && !validator.isCompletedExceptionally();
    }

    private FhirValidator buildValidator(DefaultProfileValidationSupport base) {
        return context.newValidator().registerValidatorModule(configured(new ReusingInstanceValidator(validationSupport(base))));
    }

    /** The validation chain described above (each call builds one). */
    IValidationSupport validationSupport() {
        return validationSupport(new DefaultProfileValidationSupport(context));
    }

    private IValidationSupport validationSupport(DefaultProfileValidationSupport base) {
        PrePopulatedValidationSupport hub = new PrePopulatedValidationSupport(context);
        for (String name : CONFORMANCE_RESOURCES) {
            hub.addResource(readConformanceResource(name));
        }
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems = new UnknownCodeSystemWarningValidationSupport(context);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        return new ValidationSupportChain(
                base,
                hub,
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context),
                unknownCodeSystems);
    }

    static <V extends FhirInstanceValidator> V configured(V instanceValidator) {
        instanceValidator.setAnyExtensionsAllowed(true);
        instanceValidator.setErrorForUnknownProfiles(false);
        instanceValidator.setNoExtensibleWarnings(true);
        return instanceValidator;
    }

    public FhirContext context() {
        return context;
    }

    /** Every error and fatal issue, located by FHIRPath; warnings and information are left out. */
    public List<Problem> validate(IBaseResource resource) {
        ValidationResult result = validator.join().validateWithResult(resource);
        // Where the validator judged a code against its binding itself (any Terminology_TX_NoValid_* message), that
        // judgement stands: an error for a required binding, information or a warning for a preferred or extensible one.
        // The terminology service's own "not in value set", passed through as an error beside it, would otherwise refuse
        // a code a preferred binding allows (Synthea's Patient.communication.language "vi").
        java.util.Set<String> judgedByBinding = new java.util.HashSet<>();
        for (SingleValidationMessage message : result.getMessages()) {
            if (message.getMessageId() != null && message.getMessageId().startsWith("Terminology_TX_NoValid_")) {
                judgedByBinding.add(message.getLocationString());
            }
        }
        List<Problem> problems = new ArrayList<>();
        for (SingleValidationMessage message : result.getMessages()) {
            boolean error = message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL;
            boolean passedThrough = "Terminology_PassThrough_TX_Message".equals(message.getMessageId())
                    && judgedByBinding.contains(message.getLocationString());
            if (error && !passedThrough) {
                problems.add(Problem.at(message.getLocationString(), message.getMessage()));
            }
        }
        return problems;
    }

    private IBaseResource readConformanceResource(String name) {
        try (InputStream in = HealthFhir.class.getResourceAsStream("/schemas/health/profiles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing conformance resource " + name);
            }
            return context.newJsonParser().parseResource(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
