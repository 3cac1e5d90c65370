package org.civicledger.projections.support;

import java.util.List;

/** One page of a list read from a read model, and whether another page follows it. */
public record Page<T>(List<T> items, int page, int size, boolean hasMore) {

    public Page {
        items = List.copyOf(items);
    }

    /** Cuts rows fetched with {@link PageRequest#fetchSize()} down to the page. */
    public static <T> Page<T> of(List<T> fetched, PageRequest request) {
        boolean more = fetched.size() > request.size();
        List<T> items = more ? fetched.subList(0, request.size()) : fetched;
        return new Page<>(items, request.page(), request.size(), more);
    }
}
