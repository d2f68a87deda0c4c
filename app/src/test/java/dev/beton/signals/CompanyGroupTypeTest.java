package dev.beton.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CompanyGroupTypeTest {

    @Test
    void findsTheCompanyIndexWhereverPostHogPutIt() {
        assertThat(CompanyGroupType.indexIn(Map.of(0, "project", 1, "company"))).hasValue(1);
        assertThat(CompanyGroupType.indexIn(Map.of(0, "company"))).hasValue(0);
    }

    @Test
    void isEmptyWhenTheWorkspaceHasNoCompanyGroupType() {
        assertThat(CompanyGroupType.indexIn(Map.of(0, "organization"))).isEmpty();
    }
}
