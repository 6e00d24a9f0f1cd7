package org.mashhub.adapters.housing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.mashhub.adapters.PartnerMessage;

/** A housing notification as the partner sent it; mirrors {@code schemas/housing/housing-notification.v1.schema.json}. */
public record HousingNotification(
        int formatVersion,
        String messageId,
        OffsetDateTime sentAt,
        Sender sender,
        Type notificationType,
        String caseReference,
        LocalDate effectiveDate,
        Household household,
        List<HousingAddress> addresses,
        Reason reason,
        TemporaryAccommodation temporaryAccommodation,
        Eviction eviction,
        Officer officer,
        Consent consentToShare,
        SafeguardingConcern safeguardingConcern) implements PartnerMessage {

    public enum Type {
        DUTY_TO_REFER,
        PREVENTION_DUTY_ACCEPTED,
        RELIEF_DUTY_ACCEPTED,
        TEMPORARY_ACCOMMODATION_PLACEMENT,
        EVICTION_NOTICE,
        HOUSEHOLD_MOVE
    }

    public enum Role { APPLICANT, ADULT, CHILD, UNBORN }

    public enum AddressUse { CURRENT, PREVIOUS, TEMPORARY, NEW }

    public enum Consent { GIVEN, REFUSED, NOT_SOUGHT }

    public record Sender(String partnerId, String districtCouncil) {
    }

    public record Household(List<Member> members) {
    }

    public record Member(String memberId, Role role, String relationshipToApplicant, String givenName, String familyName,
                         List<String> otherNames, LocalDate birthDate, String sex, String nhsNumber) {
    }

    public record HousingAddress(AddressUse use, List<String> lines, String town, String postcode, String district,
                                 LocalDate from, LocalDate to) {
    }

    public record Reason(String code, String text) {
    }

    public record TemporaryAccommodation(String accommodationType, boolean outOfDistrict, String hostAuthority) {
    }

    public record Eviction(String noticeType, LocalDate noticeServedOn, LocalDate possessionDate) {
    }

    public record Officer(String name, String role, String phone, String email) {
    }

    public record SafeguardingConcern(boolean raised, String details) {
    }

    /** The same notification without its send time, which a partner's retry may change. */
    public HousingNotification withoutTransportFields() {
        return new HousingNotification(formatVersion, messageId, null, sender, notificationType, caseReference, effectiveDate,
                household, addresses, reason, temporaryAccommodation, eviction, officer, consentToShare, safeguardingConcern);
    }

    @Override
    public String partnerMessageId() {
        return messageId;
    }

    @Override
    public String claimedPartnerId() {
        return sender.partnerId();
    }
}
