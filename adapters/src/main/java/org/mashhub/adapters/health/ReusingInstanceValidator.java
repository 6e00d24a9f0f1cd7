package org.mashhub.adapters.health;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.codesystem.CodingsObserver;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, reusing a few HL7 {@link InstanceValidator}s, each for a number of validations, instead
 * of building one for every validation, as HAPI's {@code ValidatorWrapper} does. Building one parses HL7's 1.5 MB OID
 * registry ({@code oidregistry.csv}), which took more of the hub's CPU than validating the message did.
 *
 * <p>An {@code InstanceValidator} clears its per-validation state as each validation starts (its main entry point says
 * so); what it keeps between validations is its lookups of profiles and a few lists that only grow, which replacing it
 * after {@value #REUSES} validations bounds. One of those lists is not small: its {@code CodingsObserver} keeps every
 * coding it checked with the node stack it was found at, and so the whole element tree of every message validated
 * (read only for HL7's IPS SNOMED check, which is off). Kept for 250 messages by each of four validators, those trees
 * were over half of a loaded hub's live heap, and what filled the old generation: {@link #forgetCodingsSeen} empties
 * it after each validation. Each holds its own copy of the OID registry (megabytes), so there are at
 * most two per processor, lent to one validation at a time: one per request thread ran a hub with 200 busy threads
 * out of heap. Validation is CPU work, so a request waiting here for one loses nothing. The settings and the filtering
 * of messages are those of HAPI's wrapper (HAPI 8.6), for JSON, which is how {@code FhirValidator} hands over a
 * parsed resource; anything else goes to HAPI.
 */
final class ReusingInstanceValidator extends FhirInstanceValidator {

    private static final int REUSES = 250;
    /** Messages HAPI's wrapper leaves out: bindings without a source, and the MIME type value set it cannot expand. */
    private static final Set<String> LEFT_OUT = Set.of(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE,
            I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE2);

    private static final Field CODING_OBSERVER = field(InstanceValidator.class, "codingObserver");
    private static final Field CODINGS_SEEN = field(CodingsObserver.class, "list");

    private final Semaphore lent = new Semaphore(2 * Runtime.getRuntime().availableProcessors());
    private final Queue<Kept> idle = new ConcurrentLinkedQueue<>();

    private static final class Kept {
        final InstanceValidator validator;
        int uses;

        Kept(InstanceValidator validator) {
            this.validator = validator;
        }
    }

    ReusingInstanceValidator(IValidationSupport validationSupport) {
        super(validationSupport);
    }

    @Override
    protected List<ValidationMessage> validate(IValidationContext<?> context) {
        if (context.getResourceAsStringEncoding() != EncodingEnum.JSON || !(context.getResource() instanceof IBaseResource resource)) {
            return super.validate(context);
        }
        WorkerContextValidationSupportAdapter worker = provideWorkerContext();
        List<ValidationMessage> messages = new ArrayList<>();
        List<ValidationMessage> unknownProfiles = new ArrayList<>();
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String url : context.getOptions().getProfiles()) {
            addProfile(worker, url, profiles, unknownProfiles);
        }
        for (IPrimitiveType<String> url : resource.getMeta().getProfile()) {
            addProfile(worker, url.getValue(), profiles, unknownProfiles);
        }
        byte[] json = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
        lent.acquireUninterruptibly();
        try {
            Kept kept = borrow(worker);
            kept.validator.validate(context.getOptions().getAppContext(), messages, new ByteArrayInputStream(json),
                    Manager.FhirFormat.JSON, profiles);
            forgetCodingsSeen(kept.validator);
            if (++kept.uses < REUSES) {
                idle.add(kept);
            }
        } finally {
            lent.release();
        }
        if (profiles.isEmpty()) {
            messages.addAll(unknownProfiles);
        }
        messages.removeIf(m -> m.getMessageId() != null && (LEFT_OUT.contains(m.getMessageId())
                || (m.getMessageId().equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
                        && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes"))));
        if (isErrorForUnknownProfiles()) {
            messages.stream()
                    .filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
                            || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
                    .filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.WARNING)
                    .forEach(m -> m.setLevel(ValidationMessage.IssueSeverity.ERROR));
        }
        return messages;
    }

    /**
     * Empties the validator's {@code CodingsObserver} list. Both are private to HL7's classes, with no method to clear
     * them, hence reflection; a version of HL7's validator that renames them fails this class's loading, and its test.
     */
    static void forgetCodingsSeen(InstanceValidator validator) {
        try {
            ((List<?>) CODINGS_SEEN.get(CODING_OBSERVER.get(validator))).clear();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many codings the idle validators hold from validations that have ended (for the test). */
    int codingsHeld() {
        int held = 0;
        for (Kept kept : idle) {
            try {
                held += ((List<?>) CODINGS_SEEN.get(CODING_OBSERVER.get(kept.validator))).size();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return held;
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("HL7's " + owner.getSimpleName() + " has no field " + name + " any more");
        }
    }

    /** An idle validator, or a new one; one that failed mid-validation is not given back, so never reused. */
    private Kept borrow(WorkerContextValidationSupportAdapter worker) {
        Kept kept = idle.poll();
        return kept != null && kept.validator.getContext() == worker ? kept : new Kept(newValidator(worker));
    }

    /** Configured as HAPI's wrapper configures the one it builds for each validation. */
    private InstanceValidator newValidator(WorkerContextValidationSupportAdapter worker) {
        InstanceValidator v = new InstanceValidator(worker, new NullEvaluationContext(), new XVerExtensionManagerOld(worker),
                new ValidatorSession(), new ValidatorSettings());
        v.setAssumeValidRestReferences(isAssumeValidRestReferences());
        v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
        v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
        v.setResourceIdRule(IdStatus.OPTIONAL);
        v.setNoTerminologyChecks(isNoTerminologyChecks());
        v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
        v.setUnknownCodeSystemsCauseErrors(true);
        v.getExtensionDomains().addAll(getExtensionDomains());
        v.setFetcher(getValidatorResourceFetcher());
        v.setPolicyAdvisor(getValidatorPolicyAdvisor());
        v.setNoExtensibleWarnings(isNoExtensibleWarnings());
        v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
        v.setAllowExamples(isAllowExamples());
        v.setAllowXsiLocation(true);
        return v;
    }

    private static void addProfile(WorkerContextValidationSupportAdapter worker, String url, List<StructureDefinition> profiles,
                                   List<ValidationMessage> unknown) {
        StructureDefinition profile = worker.fetchResource(StructureDefinition.class, url);
        if (profile != null) {
            profiles.add(profile);
        } else {
            ValidationMessage m = new ValidationMessage();
            m.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
            m.setLevel(ValidationMessage.IssueSeverity.ERROR);
            m.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
            unknown.add(m);
        }
    }
}
