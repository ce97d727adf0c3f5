package io.myriad.inputprocessor.reminder;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.myriad.contracts.reminder.Recurrence;
import io.myriad.contracts.reminder.Recurrence.Frequency;
import io.myriad.inputprocessor.text.ParseWork;

/**
 * Finds the time expression in a reminder's text and resolves it in the caller's zone, relative to a given
 * instant. Forms, tried in this order, the first that matches anywhere winning: "every day at 7", "every Monday
 * (and Thursday) at 8", "every N minutes/hours/days/weeks", "in N minutes/hours/days/weeks", "today/tonight/
 * tomorrow at T" (also "at T tomorrow"), "tomorrow", "on/next Friday (at T)" (also "at T on Friday", "Friday
 * at T"), "at T". A day without a time means {@link #DEFAULT_TIME}; a bare time already past today means
 * tomorrow. Local times that a DST change skips are moved forward by the length of the gap.
 */
final class TimeExpressions {

    /** The time of day of a reminder that names a day but no time. */
    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);

    private static final String TIME = "(?<time>" + TimeOfDay.REGEX + ")";

    private static final String DAY = "(?:mon|tues|wednes|thurs|fri|satur|sun)day";

    /** A list of days ("monday, thursday and friday"): at most seven, so its repetition is bounded. */
    private static final String DAY_LIST = DAY + "(?:\\s*+(?:,|and|&)\\s*+" + DAY + "){0,6}";

    private static final String NUMBER = "(?<n>\\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            + "|twelve|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)";

    private static final String UNIT = "(?<unit>minute|min|hour|hr|day|week)s?\\b";

    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1),
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("forty-five", 45), Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("ninety", 90));

    private static final Pattern DAY_NAME = Pattern.compile(DAY);

    private final List<Rule> rules = List.of(
            rule("\\b(?:every\\s*+day|each\\s++day|daily)\\s++at\\s++" + TIME, this::daily),
            rule("\\bat\\s++" + TIME + "\\s++(?:every\\s*+day|each\\s++day|daily)\\b", this::daily),
            rule("\\bevery\\s++(?<days>weekday|" + DAY_LIST + ")(?:\\s++at\\s++" + TIME + ")?", this::weekly),
            rule("\\bat\\s++" + TIME + "\\s++every\\s++(?<days>weekday|" + DAY_LIST + ")", this::weekly),
            rule("\\bevery\\s++(?:" + NUMBER + "\\s++)?" + UNIT, this::every),
            rule("\\bin\\s++half\\s++an\\s++hour\\b", (found) -> after(found, 30, ChronoUnit.MINUTES)),
            rule("\\bin\\s++" + NUMBER + "\\s++" + UNIT, this::in),
            rule("\\b(?<day>today|tonight|tomorrow|the\\s++day\\s++after\\s++tomorrow)\\s++at\\s++" + TIME,
                    this::onDayWord),
            rule("\\bat\\s++" + TIME + "\\s++(?<day>today|tonight|tomorrow|the\\s++day\\s++after\\s++tomorrow)\\b",
                    this::onDayWord),
            rule("\\b(?<day>the\\s++day\\s++after\\s++tomorrow|tomorrow)\\b", this::onDayWord),
            rule("\\bat\\s++" + TIME + "\\s++on\\s++(?<weekday>" + DAY + ")\\b", this::onWeekday),
            rule("\\b(?:on\\s++|(?<next>next)\\s++|this\\s++)(?<weekday>" + DAY + ")(?:\\s++at\\s++" + TIME + ")?",
                    this::onWeekday),
            rule("\\b(?<weekday>" + DAY + ")\\s++at\\s++" + TIME, this::onWeekday),
            rule("\\bat\\s++" + TIME, this::at));

    /**
     * The first time expression in {@code text}, resolved in {@code zone} as seen at {@code now}. Linear in the
     * text: each rule is searched for from left to right once, its whitespace read possessively (the words after it
     * start with none, so nothing is given back), and a list of days is at most seven long.
     */
    Optional<TimeExpression> find(String text, ZoneId zone, Instant now) {
        for (Rule rule : this.rules) {
            Matcher matcher = ParseWork.matcher(rule.pattern(), text);
            while (matcher.find()) {
                Optional<Resolved> resolved = rule.resolver().apply(new Found(matcher, now.atZone(zone)));
                if (resolved.isPresent()) {
                    return Optional.of(new TimeExpression(matcher.start(), matcher.end(), resolved.get().dueAt(),
                            resolved.get().recurrence()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Resolved> daily(Found found) {
        return found.time(false).map((time) -> new Resolved(next(found.now(), time, EnumSet.allOf(DayOfWeek.class)),
                new Recurrence(Frequency.DAILY, 1, List.of(), time)));
    }

    private Optional<Resolved> weekly(Found found) {
        Optional<LocalTime> time = found.group("time") == null ? Optional.of(DEFAULT_TIME) : found.time(false);
        Set<DayOfWeek> days = daysIn(found.group("days"));
        return time.map((at) -> new Resolved(next(found.now(), at, days),
                new Recurrence(Frequency.WEEKLY, 1, List.copyOf(days), at)));
    }

    private Optional<Resolved> every(Found found) {
        int n = found.group("n") == null ? 1 : number(found.group("n"));
        if (n < 1) {
            return Optional.empty();
        }
        String unit = found.group("unit").toLowerCase(Locale.ROOT);
        Frequency frequency = switch (unit) {
            case "minute", "min" -> Frequency.MINUTES;
            case "hour", "hr" -> Frequency.HOURS;
            default -> Frequency.DAYS;
        };
        int interval = unit.equals("week") ? n * 7 : n;
        Instant dueAt = advance(found.now(), interval, frequency);
        return Optional.of(new Resolved(dueAt, new Recurrence(frequency, interval, List.of(), null)));
    }

    private Optional<Resolved> in(Found found) {
        int n = number(found.group("n"));
        return switch (found.group("unit").toLowerCase(Locale.ROOT)) {
            case "minute", "min" -> after(found, n, ChronoUnit.MINUTES);
            case "hour", "hr" -> after(found, n, ChronoUnit.HOURS);
            case "week" -> Optional.of(new Resolved(found.now().plusWeeks(n).toInstant(), null));
            default -> Optional.of(new Resolved(found.now().plusDays(n).toInstant(), null));
        };
    }

    private static Optional<Resolved> after(Found found, long amount, ChronoUnit unit) {
        return Optional.of(new Resolved(found.now().toInstant().plus(Duration.of(amount, unit)), null));
    }

    private Optional<Resolved> onDayWord(Found found) {
        String day = found.group("day").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int offset = switch (day) {
            case "today", "tonight" -> 0;
            case "tomorrow" -> 1;
            default -> 2;
        };
        Optional<LocalTime> time = found.group("time") == null ? Optional.of(DEFAULT_TIME)
                : found.time(day.equals("tonight"));
        LocalDate date = found.now().toLocalDate().plusDays(offset);
        return time.map((at) -> new Resolved(ZonedDateTime.of(date, at, found.now().getZone()).toInstant(), null));
    }

    private Optional<Resolved> onWeekday(Found found) {
        DayOfWeek weekday = dayOf(found.group("weekday"));
        Optional<LocalTime> time = found.group("time") == null ? Optional.of(DEFAULT_TIME) : found.time(false);
        boolean notToday = found.group("next") != null;
        return time.map((at) -> {
            ZonedDateTime now = found.now();
            LocalDate date = now.toLocalDate();
            int ahead = (weekday.getValue() - date.getDayOfWeek().getValue() + 7) % 7;
            if (ahead == 0 && (notToday || !ZonedDateTime.of(date, at, now.getZone()).isAfter(now))) {
                ahead = 7;
            }
            return new Resolved(ZonedDateTime.of(date.plusDays(ahead), at, now.getZone()).toInstant(), null);
        });
    }

    private Optional<Resolved> at(Found found) {
        return found.time(false)
                .map((time) -> new Resolved(next(found.now(), time, EnumSet.allOf(DayOfWeek.class)), null));
    }

    /** The first moment after {@code now} at {@code time} on one of {@code days}. */
    private static Instant next(ZonedDateTime now, LocalTime time, Set<DayOfWeek> days) {
        LocalDate date = now.toLocalDate();
        for (int ahead = 0; ahead <= 7; ahead++) {
            LocalDate candidate = date.plusDays(ahead);
            ZonedDateTime at = ZonedDateTime.of(candidate, time, now.getZone());
            if (days.contains(candidate.getDayOfWeek()) && at.isAfter(now)) {
                return at.toInstant();
            }
        }
        throw new IllegalStateException("No " + days + " in the week after " + now);
    }

    private static Instant advance(ZonedDateTime now, int interval, Frequency frequency) {
        return switch (frequency) {
            case MINUTES -> now.toInstant().plus(Duration.ofMinutes(interval));
            case HOURS -> now.toInstant().plus(Duration.ofHours(interval));
            default -> now.plusDays(interval).toInstant();
        };
    }

    private static Set<DayOfWeek> daysIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("weekday")) {
            return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Matcher matcher = ParseWork.matcher(DAY_NAME, lower);
        while (matcher.find()) {
            days.add(dayOf(matcher.group()));
        }
        return days;
    }

    private static DayOfWeek dayOf(String name) {
        return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static int number(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        Integer word = NUMBER_WORDS.get(lower);
        return word != null ? word : Integer.parseInt(lower);
    }

    private static Rule rule(String regex, Function<Found, Optional<Resolved>> resolver) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), resolver);
    }

    private record Rule(Pattern pattern, Function<Found, Optional<Resolved>> resolver) {
    }

    private record Resolved(Instant dueAt, Recurrence recurrence) {
    }

    /** One match of a rule, with the moment it is read at. */
    private record Found(Matcher matcher, ZonedDateTime now) {

        String group(String name) {
            return this.matcher.pattern().pattern().contains("(?<" + name + ">") ? this.matcher.group(name) : null;
        }

        Optional<LocalTime> time(boolean evening) {
            String time = group("time");
            return time == null ? Optional.empty() : TimeOfDay.parse(time, evening);
        }
    }
}
