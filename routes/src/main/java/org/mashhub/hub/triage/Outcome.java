package org.mashhub.hub.triage;

/** What the MASH decided should happen for a child after a referral, in the words the team uses. */
public enum Outcome {
    NO_FURTHER_ACTION("No further action"),
    INFORMATION_AND_ADVICE("Information and advice"),
    EARLY_HELP("Early help"),
    CHILD_IN_NEED_ASSESSMENT("Child in need assessment"),
    STRATEGY_DISCUSSION("Strategy discussion"),
    OPEN_CASE_UPDATE("Update to an open case");

    private final String words;

    Outcome(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
