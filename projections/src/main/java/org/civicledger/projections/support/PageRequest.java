package org.civicledger.projections.support;

/**
 * Which page of a list a reader asks for: pages count from 0; a page holds at most {@link #SIZE_MAX} rows.
 *
 * <p>Every list the read side returns is paged, so no request can make the database hand over a
 * whole table. Offsets are bounded too ({@link #OFFSET_MAX}): deeper reading calls for a filter.
 */
public record PageRequest(int page, int size) {

    public static final int SIZE_DEFAULT = 50;
    public static final int SIZE_MAX = 200;
    public static final int OFFSET_MAX = 100_000;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page counts from 0, got " + page);
        }
        if (size < 1 || size > SIZE_MAX) {
            throw new IllegalArgumentException("page size is 1 to " + SIZE_MAX + ", got " + size);
        }
        if ((long) page * size > OFFSET_MAX) {
            throw new IllegalArgumentException("pages reach at most " + OFFSET_MAX + " rows deep; narrow the request instead");
        }
    }

    /** The request for optional page and size parameters, with defaults for those left out. */
    public static PageRequest of(Integer page, Integer size) {
        return new PageRequest(page == null ? 0 : page, size == null ? SIZE_DEFAULT : size);
    }

    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    public long offset() {
        return (long) page * size;
    }

    /** One more row than the page holds, to learn whether another page follows. */
    public int fetchSize() {
        return size + 1;
    }
}
