/**
 * Lawful sharing. Information Sharing Agreements are configuration ({@link org.mashhub.hub.sharing.Agreements},
 * {@code config/sharing/*.yaml}); {@link org.mashhub.hub.sharing.SharingPolicy} decides every event category by
 * category with the consent in force, naming the rule; {@link org.mashhub.hub.sharing.SharingGate} applies it
 * at the door of the case system (withheld events wait in {@link org.mashhub.hub.sharing.WithheldEvents} for a
 * manager's {@link org.mashhub.hub.sharing.ManagerDecisions}); {@link org.mashhub.hub.sharing.RetentionPurge}
 * keeps nothing past its agreement's period. The MASH view decides through the same policy.
 */
package org.mashhub.hub.sharing;
