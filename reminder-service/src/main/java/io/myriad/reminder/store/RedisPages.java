package io.myriad.reminder.store;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.myriad.reminder.web.Page;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

/** One page of a user's items: ids from a sorted set by creation time (newest first), each read as JSON from its key. */
public final class RedisPages {

    private RedisPages() {
    }

    public static <T> Page<T> read(StringRedisTemplate redis, JsonMapper json, String index,
            Function<String, String> keyOf, Class<T> type, int page, int size) {
        Long total = redis.opsForZSet().zCard(index);
        var ids = redis.opsForZSet().reverseRange(index, (long) page * size, (long) page * size + size - 1);
        List<T> items = (ids == null || ids.isEmpty()) ? List.of()
                : redis.opsForValue().multiGet(ids.stream().map(keyOf).toList()).stream()
                        .filter(Objects::nonNull)
                        .map(stored -> json.readValue(stored, type))
                        .toList();
        return new Page<>(items, page, size, (total != null) ? total : 0);
    }
}
