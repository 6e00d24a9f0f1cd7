package org.mashhub.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TypedDatesTest {

    @Test
    void aDateTypedTheUkWayOrIsoIsReadAndAnImpossibleOneIsNot() {
        LocalDate april = LocalDate.of(2015, 4, 19);
        for (String typed : new String[] {"19/04/2015", "19/4/2015", " 19 / 04 / 2015 ", "19-04-2015", "19.04.2015", "2015-04-19", "2015-4-19"}) {
            assertThat(TypedDates.parse(typed)).as(typed).isEqualTo(april);
        }
        for (String typed : new String[] {"31/02/2015", "04/19/2015", "2015-02-30", "19/04/15", "yesterday", "", null}) {
            assertThat(TypedDates.parse(typed)).as(String.valueOf(typed)).isNull();
        }
    }
}
