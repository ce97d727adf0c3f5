package io.myriad.reminder.task;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.myriad.reminder.ReminderProperties;
import io.myriad.reminder.audit.AuditLog;
import io.myriad.reminder.audit.Atomically;
import io.myriad.reminder.store.RedisKeys;
import io.myriad.reminder.store.RedisPages;
import io.myriad.reminder.web.Limit;
import io.myriad.reminder.web.LimitRefusals;
import io.myriad.reminder.web.NotFoundException;
import io.myriad.reminder.web.Page;
import io.myriad.reminder.web.QuotaExceededException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Tasks in Redis: each as JSON under its own key, and each user's ids in a sorted set by creation time for
 * paging. Every change and its audit event are one transaction.
 */
@Component
class TaskStore {

    private final StringRedisTemplate redis;

    private final Atomically atomically;

    private final AuditLog audit;

    private final JsonMapper json;

    private final Clock clock;

    private final int maxPerUser;

    private final LimitRefusals refusals;

    TaskStore(StringRedisTemplate redis, Atomically atomically, AuditLog audit, JsonMapper json, Clock clock,
            ReminderProperties properties, LimitRefusals refusals) {
        this.redis = redis;
        this.atomically = atomically;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.maxPerUser = properties.maxTasksPerUser();
        this.refusals = refusals;
    }

    Task create(String userId, TaskRequest request) {
        var now = this.clock.instant();
        Task task = new Task(UUID.randomUUID().toString(), userId, request.title(), request.description(),
                request.dueAt(), Task.Status.OPEN, now, now, null);
        // The user's set of task ids is the count: a delete that removes a task frees its place.
        this.atomically.writeWithin(RedisKeys.userTasks(userId), this.maxPerUser, () -> {
            this.refusals.refused(Limit.TASKS);
            return new QuotaExceededException(Limit.TASKS, this.maxPerUser);
        }, ops -> {
            ops.opsForValue().set(RedisKeys.task(task.id()), this.json.writeValueAsString(task));
            ops.opsForZSet().add(RedisKeys.userTasks(userId), task.id(), now.toEpochMilli());
        }, this.audit.event("created", "task", task.id(), userId, Map.of()));
        return task;
    }

    Task get(String userId, String id) {
        return find(userId, id).orElseThrow(() -> new NotFoundException("task", id));
    }

    Page<Task> list(String userId, int page, int size) {
        return RedisPages.read(this.redis, this.json, RedisKeys.userTasks(userId), RedisKeys::task, Task.class,
                page, size);
    }

    Task update(String userId, String id, TaskRequest request) {
        return save(get(userId, id).edited(request, this.clock.instant()), "updated");
    }

    Task complete(String userId, String id) {
        return save(get(userId, id).completed(this.clock.instant()), "completed");
    }

    void delete(String userId, String id) {
        Task task = get(userId, id);
        this.atomically.write(ops -> {
            ops.delete(RedisKeys.task(task.id()));
            ops.opsForZSet().remove(RedisKeys.userTasks(userId), task.id());
        }, this.audit.event("deleted", "task", task.id(), userId, Map.of()));
    }

    private Task save(Task task, String action) {
        this.atomically.write(ops -> ops.opsForValue().set(RedisKeys.task(task.id()),
                this.json.writeValueAsString(task)),
                this.audit.event(action, "task", task.id(), task.userId(), Map.of()));
        return task;
    }

    private Optional<Task> find(String userId, String id) {
        String stored = this.redis.opsForValue().get(RedisKeys.task(id));
        return Optional.ofNullable(stored)
                .map(value -> this.json.readValue(value, Task.class))
                .filter(task -> task.userId().equals(userId));
    }
}
