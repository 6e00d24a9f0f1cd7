package org.mashhub.schemas.events;

/** The data of a {@link RecordType#HEALTH_CONDITION} record: a diagnosis or problem health holds for the child. */
public record HealthConditionData(CodedConcept condition, String clinicalStatus, String verificationStatus, String onset,
                                  String abatement, String recordedDate) {
}
