package org.mashhub.adapters.schools;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The DfE attendance codes (from August 2024; {@code J} and {@code H} are still read, as older registers
 * hold them), each with what it means for attendance figures.
 */
public enum AttendanceCode {
    PRESENT_AM("/", Meaning.PRESENT),
    PRESENT_PM("\\", Meaning.PRESENT),
    LATE_BEFORE_REGISTERS_CLOSED("L", Meaning.PRESENT),
    OFF_SITE_EDUCATIONAL_ACTIVITY("B", Meaning.APPROVED_EDUCATION),
    DUAL_REGISTERED("D", Meaning.APPROVED_EDUCATION),
    INTERVIEW("J1", Meaning.APPROVED_EDUCATION),
    INTERVIEW_BEFORE_2024("J", Meaning.APPROVED_EDUCATION),
    LOCAL_AUTHORITY_PROVISION("K", Meaning.APPROVED_EDUCATION),
    SPORTING_ACTIVITY("P", Meaning.APPROVED_EDUCATION),
    EDUCATIONAL_VISIT("V", Meaning.APPROVED_EDUCATION),
    OTHER_AUTHORISED("C", Meaning.AUTHORISED_ABSENCE),
    PERFORMANCE_OR_EMPLOYMENT_ABROAD("C1", Meaning.AUTHORISED_ABSENCE),
    REDUCED_TIMETABLE("C2", Meaning.AUTHORISED_ABSENCE),
    SUSPENDED_OR_EXCLUDED("E", Meaning.AUTHORISED_ABSENCE),
    HOLIDAY_AUTHORISED_BEFORE_2024("H", Meaning.AUTHORISED_ABSENCE),
    ILLNESS("I", Meaning.AUTHORISED_ABSENCE),
    MEDICAL_OR_DENTAL("M", Meaning.AUTHORISED_ABSENCE),
    RELIGIOUS_OBSERVANCE("R", Meaning.AUTHORISED_ABSENCE),
    STUDY_LEAVE("S", Meaning.AUTHORISED_ABSENCE),
    TRAVELLER_ABSENCE("T", Meaning.AUTHORISED_ABSENCE),
    HOLIDAY_NOT_AUTHORISED("G", Meaning.UNAUTHORISED_ABSENCE),
    NO_REASON_YET("N", Meaning.UNAUTHORISED_ABSENCE),
    OTHER_UNAUTHORISED("O", Meaning.UNAUTHORISED_ABSENCE),
    LATE_AFTER_REGISTERS_CLOSED("U", Meaning.UNAUTHORISED_ABSENCE),
    NOT_REQUIRED_TO_ATTEND("X", Meaning.NOT_COUNTED),
    TRANSPORT_NOT_AVAILABLE("Y1", Meaning.NOT_COUNTED),
    WIDESPREAD_DISRUPTION("Y2", Meaning.NOT_COUNTED),
    PART_OF_PREMISES_CLOSED("Y3", Meaning.NOT_COUNTED),
    WHOLE_SCHOOL_CLOSED_UNEXPECTEDLY("Y4", Meaning.NOT_COUNTED),
    CRIMINAL_JUSTICE_DETENTION("Y5", Meaning.NOT_COUNTED),
    PUBLIC_HEALTH_GUIDANCE("Y6", Meaning.NOT_COUNTED),
    OTHER_EXCEPTIONAL_CIRCUMSTANCES("Y7", Meaning.NOT_COUNTED),
    NOT_ON_ROLL("Z", Meaning.NOT_COUNTED),
    LACK_OF_ACCESS_ARRANGEMENTS("Q", Meaning.NOT_COUNTED),
    PLANNED_SCHOOL_CLOSURE("#", Meaning.NOT_COUNTED);

    /** What a mark counts as. Only the first four are sessions the pupil could have attended. */
    public enum Meaning { PRESENT, APPROVED_EDUCATION, AUTHORISED_ABSENCE, UNAUTHORISED_ABSENCE, NOT_COUNTED }

    private static final Map<String, AttendanceCode> BY_MARK = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AttendanceCode::mark, Function.identity()));

    private final String mark;
    private final Meaning meaning;

    AttendanceCode(String mark, Meaning meaning) {
        this.mark = mark;
        this.meaning = meaning;
    }

    public String mark() {
        return mark;
    }

    public Meaning meaning() {
        return meaning;
    }

    public static AttendanceCode ofMark(String mark) {
        return BY_MARK.get(mark);
    }

    public static java.util.Set<String> marks() {
        return new java.util.TreeSet<>(BY_MARK.keySet());
    }

    public boolean possible() {
        return meaning != Meaning.NOT_COUNTED;
    }

    public boolean attended() {
        return meaning == Meaning.PRESENT || meaning == Meaning.APPROVED_EDUCATION;
    }

    public boolean missed() {
        return meaning == Meaning.AUTHORISED_ABSENCE || meaning == Meaning.UNAUTHORISED_ABSENCE;
    }

    /** No reason given, or none the school accepts: what a child missing education looks like in a register. */
    public boolean unexplained() {
        return this == NO_REASON_YET || this == OTHER_UNAUTHORISED;
    }
}
