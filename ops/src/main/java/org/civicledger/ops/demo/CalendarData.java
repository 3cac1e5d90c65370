package org.civicledger.ops.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.civicledger.events.common.Actor;
import org.civicledger.events.reference.CalendarEvents.Holiday;
import org.civicledger.events.reference.ReferenceCommands.PublishCalendarYear;

/**
 * The business calendar of one year as shipped in {@code classpath:calendar/tw-<year>.csv}: Taiwan's
 * government-office days off and make-up working days.
 *
 * <p>A file has comment lines starting with {@code #} (one of them {@code # source: ...}, which becomes the
 * published calendar's source), a header {@code date,kind,name}, and one row per day; kind is
 * {@value #HOLIDAY} or {@value #MAKEUP_WORKDAY}. Observed (moved) days are rows of their own. A file that
 * breaks any of this is refused whole, naming the line, rather than published in part.
 */
public record CalendarData(int year, List<Holiday> holidays, List<LocalDate> makeUpWorkdays, String source) {

    public static final String HOLIDAY = "holiday";
    public static final String MAKEUP_WORKDAY = "makeup-workday";
    /** The years shipped with the ledger; 2027 is provisional until the DGPA publishes it. */
    public static final List<Integer> SHIPPED_YEARS = List.of(2025, 2026, 2027);
    private static final int SOURCE_LENGTH_MAX = 500;
    private static final int ROWS_MAX = 366;

    public CalendarData {
        holidays = List.copyOf(holidays);
        makeUpWorkdays = List.copyOf(makeUpWorkdays);
    }

    public static String resourceName(int year) {
        return "calendar/tw-" + year + ".csv";
    }

    /** Reads the shipped file of {@code year}. */
    public static CalendarData load(int year) {
        String name = resourceName(year);
        try (InputStream in = CalendarData.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no calendar file " + name + " on the classpath");
            }
            return parse(year, name, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    static CalendarData parse(int year, String name, BufferedReader reader) throws IOException {
        List<Holiday> holidays = new ArrayList<>();
        List<LocalDate> makeUp = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        String source = null;
        boolean header = false;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                String comment = trimmed.substring(1).strip();
                if (comment.startsWith("source:")) {
                    source = comment.substring("source:".length()).strip();
                }
                continue;
            }
            if (!header) {
                if (!trimmed.equals("date,kind,name")) {
                    throw problem(name, lineNumber, "the header must be date,kind,name");
                }
                header = true;
                continue;
            }
            // The name is the last column and may itself contain commas.
            String[] columns = trimmed.split(",", 3);
            if (columns.length != 3 || columns[2].isBlank()) {
                throw problem(name, lineNumber, "a row is date,kind,name");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(columns[0].strip());
            } catch (DateTimeParseException e) {
                throw problem(name, lineNumber, "date is not yyyy-mm-dd: " + columns[0]);
            }
            if (date.getYear() != year) {
                throw problem(name, lineNumber, date + " is not in " + year);
            }
            if (!seen.add(date)) {
                throw problem(name, lineNumber, date + " appears twice");
            }
            switch (columns[1].strip()) {
                case HOLIDAY -> holidays.add(new Holiday(date, columns[2].strip()));
                case MAKEUP_WORKDAY -> makeUp.add(date);
                default -> throw problem(name, lineNumber, "kind must be " + HOLIDAY + " or " + MAKEUP_WORKDAY);
            }
            if (seen.size() > ROWS_MAX) {
                throw problem(name, lineNumber, "more rows than days in a year");
            }
        }
        if (source == null || source.isBlank()) {
            throw problem(name, lineNumber, "a '# source:' comment is required");
        }
        if (source.length() > SOURCE_LENGTH_MAX) {
            source = source.substring(0, SOURCE_LENGTH_MAX);
        }
        return new CalendarData(year, holidays, makeUp, source);
    }

    public boolean isProvisional() {
        return source.toUpperCase().contains("PROVISIONAL");
    }

    /** The command that publishes this year; its command id is stable, so a repeated publication is recognisable. */
    public PublishCalendarYear toCommand(Actor actor) {
        return new PublishCalendarYear(year, holidays, makeUpWorkdays, source, "calendar-tw-" + year, actor);
    }

    private static IllegalArgumentException problem(String name, int line, String message) {
        return new IllegalArgumentException(name + " line " + line + ": " + message);
    }
}
