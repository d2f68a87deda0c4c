package dev.beton.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.beton.signals.SignalType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class SignalLabelsTest {

    private final CustomSignals customSignals = mock(CustomSignals.class);
    private final SignalLabels labels = new SignalLabels(customSignals);
    private final SignalType custom = SignalType.fromKey("rule_7");

    @AfterEach
    void leaveTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aPageReadsTheWorkspacesPromotionsOnceHoweverManyRowsItLabels() {
        when(customSignals.labels(1)).thenReturn(Map.of(custom.key(), "Heavy exporters"));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));

        for (int row = 0; row < 50; row++) {
            assertThat(labels.of(1, custom)).isEqualTo("Heavy exporters (" + custom.key() + ")");
        }
        assertThat(labels.of(1, SignalType.USAGE_SPIKE)).isEqualTo("usage_spike");

        verify(customSignals, times(1)).labels(1);
    }

    @Test
    void outsideARequestTheyAreReadEachTimeAndAGonePromotionShowsTheKey() {
        when(customSignals.labels(1)).thenReturn(Map.of());

        assertThat(labels.of(1, custom)).isEqualTo(custom.key());
        assertThat(labels.of(1, custom)).isEqualTo(custom.key());

        verify(customSignals, times(2)).labels(1);
    }
}
