package io.myriad.observability.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * A last line of defence against a tag whose values someone outside the service chooses: per meter name and tag
 * key it keeps the first {@code maxValues} distinct values, and maps every later one to {@value #OTHER}, so a
 * meter has at most {@code maxValues + 1} values per tag however many arrive. Mapping rather than denying keeps
 * the measurement (a request still counts, under {@code OTHER}) and the meter's totals right; a denied series
 * would silently fall out of every sum.
 *
 * <p>What it folds is counted in {@value #CAPPED}, tagged with the meter's name: names come from code, not from
 * requests, and the guard caps that tag like any other. A series there means a tag to fix at its source.
 *
 * <p>The {@code uri} tag of {@code http.server.requests} and {@code http.client.requests} is left to Boot, which
 * caps it already ({@code management.metrics.web.server.max-uri-tags}, {@code ...client.max-uri-tags}) by denying
 * new series with one warning in the log; two caps on one tag would disagree on which series survive.
 */
public class TagCardinalityGuard implements MeterFilter, MeterBinder {

    public static final String OTHER = "OTHER";

    public static final String CAPPED = "myriad.metrics.tags.capped";

    private static final Set<String> BOOT_CAPPED_URI = Set.of("http.server.requests", "http.client.requests");

    private final int maxValues;

    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

    private final Map<String, LongAdder> capped = new ConcurrentHashMap<>();

    private volatile MeterRegistry registry;

    public TagCardinalityGuard(int maxValues) {
        this.maxValues = maxValues;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        List<Tag> tags = null;
        int index = 0;
        for (Tag tag : id.getTagsAsIterable()) {
            if (!admit(id.getName(), tag)) {
                if (tags == null) {
                    tags = new ArrayList<>(id.getTags());
                }
                tags.set(index, Tag.of(tag.getKey(), OTHER));
                counted(id.getName());
            }
            index++;
        }
        return (tags != null) ? id.replaceTags(tags) : id;
    }

    private boolean admit(String meter, Tag tag) {
        if (OTHER.equals(tag.getValue())
                || (tag.getKey().equals("uri") && BOOT_CAPPED_URI.contains(meter))) {
            return true;
        }
        Set<String> values = this.seen.computeIfAbsent(meter + '\u0000' + tag.getKey(),
                (key) -> ConcurrentHashMap.newKeySet());
        if (values.contains(tag.getValue())) {
            return true;
        }
        synchronized (values) {
            if (values.size() < this.maxValues) {
                values.add(tag.getValue());
                return true;
            }
            return values.contains(tag.getValue());
        }
    }

    private void counted(String meter) {
        LongAdder count = this.capped.get(meter);
        if (count == null) {
            LongAdder created = new LongAdder();
            count = this.capped.putIfAbsent(meter, created);
            if (count == null) {
                count = created;
                register(meter, created);
            }
        }
        count.increment();
    }

    private void register(String meter, LongAdder count) {
        MeterRegistry target = this.registry;
        if (target != null) {
            FunctionCounter.builder(CAPPED, count, LongAdder::sum)
                    .description("New tag values folded into OTHER because their tag had too many, by meter")
                    .baseUnit("values")
                    .tag("meter", meter)
                    .register(target);
        }
    }

    /** Registers the capped counters on the registry the service scrapes, those of folds before it was bound too. */
    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        this.capped.forEach(this::register);
    }
}
