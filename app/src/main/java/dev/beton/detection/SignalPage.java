package dev.beton.detection;

import java.util.List;

/** One page of stored signals; {@code page} counts from 0. */
public record SignalPage(List<StoredSignal> items, int page, int size, long total) {

    public SignalPage {
        items = List.copyOf(items);
    }
}
