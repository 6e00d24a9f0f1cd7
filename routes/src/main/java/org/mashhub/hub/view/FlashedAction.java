package org.mashhub.hub.view;

import java.util.List;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A button's action on a MASH page: done, and the next page says so; or refused for a reason the person can act on,
 * and the next page says why. Anything else is a failure for the error page.
 */
final class FlashedAction {

    interface Action {
        void run() throws Exception;
    }

    private FlashedAction() {
    }

    /** Runs it and redirects to {@code back}, with {@code done} or the message of one of the {@code refusals}. */
    static String run(RedirectAttributes flash, String back, Action action, String done, List<Class<? extends Exception>> refusals) {
        try {
            action.run();
            flash.addFlashAttribute("notice", done);
        } catch (Exception e) {
            if (refusals.stream().noneMatch(r -> r.isInstance(e))) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + back;
    }
}
