package org.mashhub.adapters.health;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.lang.reflect.Field;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * One copy of FHIR's base definitions, not two. HAPI reads the base R4 StructureDefinitions; HL7's validator works on
 * R5 copies of them, which HAPI's {@link WorkerContextValidationSupportAdapter} converts once and keeps in each R4
 * definition's user data, so the two copies live as long as each other. Once a definition has its R5 copy, its R4
 * elements are never read again: the validator, the snapshot generator and the chain's cache all reach the R5 copy
 * through that user data. Emptying the R4 elements (snapshot, differential, narrative) leaves the validator's copy
 * alone in the heap. The hub's own profiles are not touched; nor are value sets and code systems, which HAPI's
 * terminology service reads as R4.
 */
final class BaseDefinitions {

    /** The adapter's key for the R5 copy: private to HAPI, read here so that a version renaming it fails at once. */
    private static final String VALIDATORS_COPY = validatorsCopyKey();

    private BaseDefinitions() {
    }

    /** Empties the R4 elements of every base definition the validator has its own copy of; returns how many. */
    static int keepOnlyTheValidatorsCopy(DefaultProfileValidationSupport base) {
        int emptied = 0;
        for (IBaseResource resource : base.fetchAllStructureDefinitions()) {
            if (resource instanceof StructureDefinition definition && hasValidatorsCopy(definition)) {
                definition.setSnapshot(null);
                definition.setDifferential(null);
                definition.setText(null);
                emptied++;
            }
        }
        return emptied;
    }

    private static boolean hasValidatorsCopy(StructureDefinition definition) {
        return definition.getUserData(VALIDATORS_COPY) != null;
    }

    private static String validatorsCopyKey() {
        try {
            Field key = WorkerContextValidationSupportAdapter.class.getDeclaredField("TO_CANONICAL_USERDATA_KEY");
            key.setAccessible(true);
            return (String) key.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HAPI's validator adapter no longer keeps R5 copies where this class expects", e);
        }
    }
}
